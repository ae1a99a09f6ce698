from flowpy import workflow
from flowpy.shopify import actions, triggers


@workflow("Tag high value orders")
def tag_high_value_orders(order=triggers.order_created()):
    if order.totalPriceSet.shopMoney.amount >= 500.00:
        actions.add_order_tags(order_id=order.id, tags=["High-Value"])
          actions.add_order_tags(order_id=order.id, tags=["Review"])
