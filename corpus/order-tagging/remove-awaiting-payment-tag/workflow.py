@workflow("Remove awaiting payment tag when paid")
@trigger(shopify.admin.order_paid)
def run(order):
    if any(tags_item == "awaiting-payment" for tags_item in order.tags):
        shopify.admin.remove_order_tags(
            order_id=order.id, tags=["awaiting-payment", "payment-reminder-sent"]
        )
