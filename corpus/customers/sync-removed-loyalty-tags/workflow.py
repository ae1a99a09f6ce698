@workflow("Sync removed loyalty tags")
@trigger(shopify.admin.customer_tags_removed)
def run(customer, tags):
    if any(tags_item.startswith("loyalty-") for tags_item in tags):
        shopify.flow.send_http_request(
            method="DELETE",
            url="https://loyalty.example.com/api/members/{{ customer.legacyResourceId }}/tiers",
            headers=[["Authorization", "Token PLACEHOLDER"]],
            body="",
            on_client_error="ignore",
            on_server_error="fail",
        )
