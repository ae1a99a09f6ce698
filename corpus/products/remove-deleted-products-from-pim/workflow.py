@workflow("Remove deleted products from the PIM")
@trigger(shopify.admin.product_deleted)
def run(product):
    shopify.flow.send_http_request(
        method="DELETE",
        url="https://pim.example.com/api/v3/products/by-shopify-id/{{ product.id | url_encode }}",
        headers=[
            ["Authorization", "Bearer PLACEHOLDER"],
            ["Accept", "application/json"],
        ],
        body="",
        on_client_error="ignore",
        on_server_error="retry",
    )
    shopify.admin.delete_redirect_urls(
        paths='/products/{{ product.id | split: "/" | last }}'
    )
