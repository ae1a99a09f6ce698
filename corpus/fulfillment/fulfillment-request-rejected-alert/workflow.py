@workflow("Alert when the 3PL rejects a fulfillment request")
@trigger(shopify.admin.fulfillment_order_fulfillment_request_rejected)
def run(fulfillmentOrder, order):
    shopify.admin.add_order_tags(order_id=order.id, tags=["3pl-rejected"])
    task("flow-connectors::slack::send_message")(
        channel="#fulfillment",
        message='3PL rejected {{ order.name }} (fulfillment order {{ fulfillmentOrder.id | split: "/" | last }}). Status: {{ fulfillmentOrder.requestStatus }}',
    )
