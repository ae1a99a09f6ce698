@workflow("Cancel unpaid orders after three days")
@trigger(shopify.admin.order_created)
def run(order):
    if order.displayFinancialStatus == "PENDING":
        shopify.flow.wait(duration="P3D")
        if order.fullyPaid == False and order.cancelledAt is None:
            shopify.admin.cancel_order(
                order_id=order.id,
                reason="DECLINED",
                refund=False,
                restock=True,
                notify_customer=True,
                staff_note="Unpaid after 3 days.",
            )
