@workflow("Tag refunded orders (with leftover step)")
@trigger(shopify.admin.refund_created)
def run(refund, order):
    shopify.admin.add_order_tags(order_id=order.id, tags=["refunded"])


@detached
def detached_1():
    shopify.flow.send_email(
        address="old-team@example.com",
        subject="Refund {{ refund.id }}",
        message="Legacy notification",
    )
