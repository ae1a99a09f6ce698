@workflow("Priority shipping decision tree")
@trigger(shopify.admin.order_created)
def run(order):
    if order.shippingAddress.countryCodeV2 == "US":
        if order.totalPriceSet.shopMoney.amount >= 250:
            if any(tags_item == "VIP" for tags_item in order.customer.tags):
                shopify.admin.add_order_tags(
                    order_id={"value": "", "default_value": "order.id"},
                    tags=["ship-overnight"],
                )
            else:
                shopify.admin.add_order_tags(
                    order_id={"value": "", "default_value": "order.id"},
                    tags=["ship-2day"],
                )
        else:
            shopify.admin.add_order_tags(
                order_id={"value": "", "default_value": "order.id"},
                tags=["ship-ground"],
            )
    else:
        shopify.admin.add_order_tags(
            order_id={"value": "", "default_value": "order.id"},
            tags=["ship-international"],
        )
