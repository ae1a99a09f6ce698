from flowpy import workflow
from flowpy.shopify import actions, triggers


def tag_high_value_orders(order=triggers.order_created()):
    actions.add_order_tags(order_id=order.id, tags=["High-Value"])
