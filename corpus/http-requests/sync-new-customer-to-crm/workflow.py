@workflow("Sync new customers to the CRM")
@trigger(shopify.admin.customer_created)
def run(customer):
    shopify.flow.send_http_request(
        method="PUT",
        url="https://crm.example.com/contacts/{{ customer.email | url_encode }}",
        headers=[
            ["Content-Type", "application/json"],
            ["X-Signature", '{{ customer.id | hmac_sha256: "PLACEHOLDER_SECRET" }}'],
        ],
        body={
            "first_name": "{{ customer.firstName }}",
            "last_name": "{{ customer.lastName }}",
            "tags": "{{ customer.tags | join: ',' }}",
        },
        on_client_error="fail",
        on_server_error="retry",
    )
