@workflow("Capture payment two hours after ordering")
@trigger(shopify.admin.order_created)
def run(order):
    shopify.flow.wait(duration="PT2H")
    if order.cancelledAt is None and order.capturable == True:
        shopify.admin.capture_payment(order_id=order.id)
