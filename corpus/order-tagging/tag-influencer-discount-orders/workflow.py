@workflow("Tag orders that used an influencer code")
@trigger(shopify.admin.order_created)
def run(order):
    if any(
        discountCodes_item.startswith("INFLUENCER-")
        for discountCodes_item in order.discountCodes
    ):
        shopify.admin.add_order_tags(
            order_id=order.id, tags=["influencer", "discount-used"]
        )
    elif order.discountCode:
        shopify.admin.add_order_tags(order_id=order.id, tags=["discount-used"])
