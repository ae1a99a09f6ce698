from flowpy import workflow
from flowpy.shopify import actions, triggers


@workflow("Note order")
def note_order(order=triggers.order_created()):
    actions.update_order_note(order_id=order.id, note=f"Order {order.name} received")
