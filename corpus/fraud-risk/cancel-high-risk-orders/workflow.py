@workflow("Cancel high risk orders")
@trigger(shopify.admin.order_risk_analyzed)
def run(order, orderRiskLevel):
    if orderRiskLevel == "HIGH":
        shopify.admin.cancel_order(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            reason="FRAUD",
            refund=True,
            restock=True,
            notify_customer=False,
            staff_note='Auto-cancelled by Flow: risk level {{ orderRiskLevel }} at {{ "now" | date: "%Y-%m-%d %H:%M" }}',
        )
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["fraud-cancelled"],
        )
        shopify.flow.send_email(
            address="{{ shop.email }}",
            subject="⚠️ High risk order {{ order.name }} cancelled",
            message="""Order {{ order.name }} ({{ order.totalPriceSet.shopMoney.amount | money }}) from {{ order.email }} was cancelled and refunded automatically.
Review it: https://admin.shopify.com/store/{{ shop.myshopifyDomain | remove: ".myshopify.com" }}/orders/{{ order.legacyResourceId }}""",
        )
