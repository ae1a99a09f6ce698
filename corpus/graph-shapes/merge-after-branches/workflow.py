@workflow("Tag by tier then notify once")
@trigger(shopify.admin.order_paid)
def run(order):
    if order.customer.amountSpent.amount > 5000:
        shopify.admin.add_order_tags(order_id=order.id, tags=["tier-vip"])
        merge_1()
    else:
        shopify.admin.add_order_tags(order_id=order.id, tags=["tier-regular"])
        merge_1()


def merge_1():
    shopify.flow.send_email(
        address="crm@example.com",
        subject="Tiered {{ order.name }}",
        message='{{ order.tags | join: ", " }}',
    )
