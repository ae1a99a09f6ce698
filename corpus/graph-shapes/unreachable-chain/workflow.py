@workflow("Archive closed orders with an unreachable chain")
@trigger(shopify.admin.order_fulfilled)
def run(order):
    if order.closed == True and order.displayFinancialStatus == "PAID":
        shopify.admin.archive_order(order_id={"value": "", "default_value": "order.id"})


@detached
def detached_1():
    shopify.flow.send_http_request(
        method="POST",
        url="https://old-system.example.com/archive",
        headers=[],
        body="{{ order.name }}",
        on_client_error="ignore",
        on_server_error="ignore",
    )
    shopify.flow.log_output(output="archived in old system")
