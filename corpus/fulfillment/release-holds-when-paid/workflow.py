@workflow("Release fulfillment holds when paid")
@trigger(shopify.admin.order_paid)
def run(order):
    for fulfillmentOrdersForeachitem in order.fulfillmentOrders:
        if fulfillmentOrdersForeachitem.status == "ON_HOLD":
            shopify.admin.release_fulfillment_order_hold(
                fulfillment_order_id={
                    "value": "{{ fulfillmentOrdersForeachitem.id }}",
                    "default_value": "fulfillmentOrdersForeachitem.id",
                }
            )
