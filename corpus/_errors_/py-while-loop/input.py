@workflow("Retry tagging")
@trigger(shopify.admin.order_created)
def run(order):
    while True:
        shopify.admin.add_order_tags(order_id=order.id, tags=["retry"])
