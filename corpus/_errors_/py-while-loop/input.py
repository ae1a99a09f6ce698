from flowpy import workflow
from flowpy.shopify import actions, triggers


@workflow("Retry tagging")
def retry_tagging(order=triggers.order_created()):
    while True:
        actions.add_order_tags(order_id=order.id, tags=["retry"])
