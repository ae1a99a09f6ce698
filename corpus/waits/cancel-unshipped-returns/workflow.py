@workflow("Cancel returns not shipped within 30 days")
@trigger(shopify.admin.return_requested)
def run(order):
    shopify.flow.wait(duration="P30D")
    if path("return.status") == "REQUESTED":
        shopify.admin.cancel_return(return_id=path("return.id"))
        shopify.flow.send_email(
            address="returns@example.com",
            subject="Return {{ return.name }} cancelled",
            message="No package received within 30 days for {{ order.name }}.",
        )
