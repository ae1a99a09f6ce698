@workflow("Tag high value orders")
@retry(times=3)
@trigger(shopify.admin.order_created)
def run(order):
    shopify.admin.add_order_tags(order_id=order.id, tags=["High-Value"])
