@workflow("Tag orders without a phone number")
@trigger(shopify.admin.order_created)
def run(order):
    if not order.phone and not order.shippingAddress.phone:
        shopify.admin.add_order_tags(order_id=order.id, tags=["no-phone"])
