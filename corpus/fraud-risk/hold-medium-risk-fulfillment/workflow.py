@workflow("Hold fulfillment for medium risk orders")
@trigger(shopify.admin.order_risk_analyzed)
def run(order, orderRiskLevel):
    if orderRiskLevel == "MEDIUM":
        for fulfillmentOrdersForeachitem in order.fulfillmentOrders:
            shopify.admin.hold_fulfillment_order(
                fulfillment_order_id=fulfillmentOrdersForeachitem.id,
                reason="HIGH_RISK_OF_FRAUD",
                reason_notes="Medium risk - verify identity for {{ order.name }}",
                notify_merchant=True,
            )
        shopify.flow.send_email(
            address="risk-team@example.com",
            subject="Order {{ order.name }} on hold (medium risk)",
            message="All fulfillment orders for {{ order.name }} are on hold until the customer is verified.",
        )
