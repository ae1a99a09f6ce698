@workflow("Handle new chargebacks")
@trigger(shopify.admin.dispute_created)
def run(dispute, order):
    shopify.admin.add_order_tags(order_id=order.id, tags=["chargeback"])
    shopify.admin.add_customer_tags(
        customer_id=order.customer.id, tags=["chargeback-history"]
    )
    shopify.flow.send_email(
        address="finance@example.com",
        subject="New chargeback on {{ order.name }}",
        message="""{% assign amount = dispute.amount.amount | money %}A {{ dispute.reasonDetails.reason | replace: "_", " " | downcase }} dispute for {{ amount }} was opened on {{ order.name }}.
Evidence due by {{ dispute.evidenceDueBy | date: "%B %d, %Y" }}.""",
    )
