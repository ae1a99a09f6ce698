@workflow("Unarchive orders when a return is requested")
@trigger(shopify.admin.return_requested)
def run(order):
    shopify.admin.unarchive_order(order_id=order.id)
    shopify.admin.add_order_tags(order_id=order.id, tags=["return-requested"])
