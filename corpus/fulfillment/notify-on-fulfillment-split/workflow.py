@workflow("Notify when a fulfillment order is split")
@trigger(shopify.admin.fulfillment_order_split)
def run(fulfillmentOrder, order):
    shopify.flow.send_email(
        address="fulfillment@example.com",
        subject="Fulfillment order split on {{ order.name }}",
        message="""Fulfillment order {{ fulfillmentOrder.id }} for {{ order.name }} was split.
Assigned location: {{ fulfillmentOrder.assignedLocation.name }}""",
    )
