@workflow("Hold fulfillment until payment")
@trigger(shopify.admin.order_created)
def run(order):
    if order.displayFinancialStatus in ["PENDING", "AUTHORIZED"]:
        for fulfillmentOrdersForeachitem in order.fulfillmentOrders:
            shopify.admin.hold_fulfillment_order(
                fulfillment_order_id=fulfillmentOrdersForeachitem.id,
                reason="AWAITING_PAYMENT",
                reason_notes="Waiting for payment on {{ order.name }}",
                notify_merchant=False,
            )
