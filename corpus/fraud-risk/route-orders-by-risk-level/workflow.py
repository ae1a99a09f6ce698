@workflow("Route orders by risk level")
@trigger(shopify.admin.order_risk_analyzed)
def run(order, orderRiskLevel):
    if orderRiskLevel == "LOW":
        shopify.admin.capture_payment(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"}
        )
    elif orderRiskLevel == "HIGH":
        shopify.admin.cancel_order(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            reason="FRAUD",
            refund=True,
            restock=True,
            notify_customer=True,
            staff_note="",
        )
    else:
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["review-risk"],
        )
