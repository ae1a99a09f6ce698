@workflow("Steps whose names collide with DSL words")
@trigger(shopify.admin.order_created)
def run(order):
    step(name="None")
    shopify.admin.add_order_tags(order_id=order.id, tags=["checked"])
    if not any(
        lineItems_item.requiresShipping == True for lineItems_item in order.lineItems
    ):
        shopify.admin.add_order_tags(order_id=order.id, tags=["digital-only"])
