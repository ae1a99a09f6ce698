@workflow("Document with unusual key order")
@trigger(shopify.admin.order_created)
def run(order):
    if not order.email.endswith("@example.com"):
        shopify.admin.add_order_tags(order_id=order.id, tags=["external"])
