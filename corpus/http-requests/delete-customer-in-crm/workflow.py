@workflow("Delete customers from the CRM")
@trigger(shopify.admin.customer_deleted)
def run(customer):
    shopify.flow.send_http_request(
        method="DELETE",
        url='https://crm.example.com/contacts/shopify-{{ customer.id | split: "/" | last }}',
        headers=[["Authorization", "Bearer PLACEHOLDER"]],
        body="",
        on_client_error="ignore",
        on_server_error="retry",
    )
