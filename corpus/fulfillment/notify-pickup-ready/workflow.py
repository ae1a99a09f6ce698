@workflow("Notify staff when pickup is ready")
@trigger(shopify.admin.fulfillment_order_line_items_prepared_for_pickup)
def run(fulfillmentOrder, order):
    shopify.flow.send_email(
        address="frontdesk@example.com",
        subject="Pickup ready: {{ order.name }}",
        message="""{{ order.shippingAddress.name | default: order.customer.displayName }} can collect order {{ order.name }}.

Items:
{% for li in fulfillmentOrder.lineItems %}- {{ li.totalQuantity }} × {{ li.productTitle }}{% if li.variantTitle %} ({{ li.variantTitle }}){% endif %}
{% endfor %}""",
    )
