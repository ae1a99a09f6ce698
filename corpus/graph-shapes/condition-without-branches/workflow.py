@workflow("Unfinished draft workflow")
@trigger(shopify.admin.order_cancelled)
def run(order):
    shopify.flow.log_output(
        output="Cancelled {{ order.name }} reason={{ order.cancelReason }}"
    )
    if order.cancelReason == "CUSTOMER":
        pass
