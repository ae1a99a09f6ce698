@workflow("Final sale only orders")
@trigger(shopify.admin.order_created)
def run(order):
    if all(
        any(tags_item == "final-sale" for tags_item in lineItems_item.product.tags)
        for lineItems_item in order.lineItems
    ) and not any(
        lineItems_item.isGiftCard == True or lineItems_item.requiresShipping == False
        for lineItems_item in order.lineItems
    ):
        shopify.admin.add_order_tags(
            order_id={"value": "", "default_value": "order.id"},
            tags=["final-sale-only"],
        )
