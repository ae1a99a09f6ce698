@workflow("Tag VIP customers by lifetime spend")
@trigger(shopify.admin.order_paid)
def run(order):
    if order.customer.amountSpent.amount >= 2000 and not any(
        tags_item == "VIP" for tags_item in order.customer.tags
    ):
        shopify.admin.add_customer_tags(customer_id=order.customer.id, tags=["VIP"])
