@workflow("Cancel orders from confirmed fraud customers")
@trigger(shopify.admin.order_created)
def run(order):
    if any(tags_item == "fraud-confirmed" for tags_item in order.customer.tags):
        shopify.admin.cancel_order(
            order_id=order.id,
            reason="FRAUD",
            refund=True,
            restock=True,
            notify_customer=False,
            staff_note="Customer is tagged fraud-confirmed.",
        )
        shopify.admin.add_order_tags(order_id=order.id, tags=["blocked-customer"])
