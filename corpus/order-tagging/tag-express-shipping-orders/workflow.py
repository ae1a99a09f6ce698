@workflow("Tag express shipping orders")
@trigger(shopify.admin.order_created)
def run(order):
    if "Express" in order.shippingLine.title or "Next Day" in order.shippingLine.title:
        shopify.admin.add_order_tags(order_id=order.id, tags=["express", "priority"])
