@workflow("Abandoned checkout reminder after four hours")
@trigger(shopify.admin.customer_abandoned_checkout)
def run(abandonment, customer):
    shopify.flow.wait(duration="PT4H")
    if (
        customer.emailMarketingConsent.marketingState == "SUBSCRIBED"
        and customer.lastOrder.createdAt
        < abandonment.abandonedCheckoutPayload.createdAt
    ):
        shopify.flow.send_http_request(
            method="POST",
            url="https://api.esp.example.com/v1/flows/abandoned/trigger",
            headers=[
                ["Content-Type", "application/json"],
                ["X-Api-Key", "PLACEHOLDER"],
            ],
            body='{"email":"{{ customer.email }}","first_name":"{{ customer.firstName | default: "there" }}"}',
            on_client_error="ignore",
            on_server_error="retry",
        )
