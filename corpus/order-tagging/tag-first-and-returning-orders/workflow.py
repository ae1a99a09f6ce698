@workflow("Tag first and returning customer orders")
@trigger(shopify.admin.order_created)
def run(order):
    step(description="First order for this customer?")
    if order.customer.numberOfOrders == 1:
        shopify.admin.add_order_tags(order_id=order.id, tags=["first-order"])
        shopify.admin.add_customer_tags(
            customer_id=order.customer.id, tags=["new-customer"]
        )
    else:
        shopify.admin.add_order_tags(order_id=order.id, tags=["returning-customer"])
