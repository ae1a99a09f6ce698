@workflow("Link with a branch label")
@trigger(shopify.admin.order_created)
def run(order):
    if order.customer.numberOfOrders > 10:
        shopify.admin.add_order_tags(
            order_id={"value": "", "default_value": "order.id"}, tags=["super-fan"]
        )
