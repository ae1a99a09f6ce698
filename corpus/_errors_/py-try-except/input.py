@workflow("Tag high value orders")
@trigger(shopify.admin.order_created)
def run(order):
    try:
        shopify.admin.add_order_tags(order_id=order.id, tags=["High-Value"])
    except Exception:
        pass
