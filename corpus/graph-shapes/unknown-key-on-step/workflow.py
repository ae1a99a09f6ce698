@workflow("Step with editor-only keys")
@trigger(shopify.admin.order_created)
def run(order):
    shopify.admin.add_order_tags(order_id=order.id, tags=["seen"])
