@workflow("Note order")
@trigger(shopify.admin.order_created)
def run(order):
    shopify.admin.update_order_note(order_id=order.id, note=f"Order {order.name} received")
