@workflow("Mark digital orders fulfilled")
@trigger(shopify.admin.order_paid)
def run(order):
    if order.requiresShipping == False:
        for fulfillmentOrdersForeachitem in order.fulfillmentOrders:
            shopify.admin.mark_fulfillment_order_as_fulfilled(
                fulfillment_order_id=fulfillmentOrdersForeachitem.id,
                notify_customer=True,
                tracking_number="",
                tracking_company="",
            )
        shopify.admin.add_order_tags(
            order_id=order.id, tags=["digital", "auto-fulfilled"]
        )
