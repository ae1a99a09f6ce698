@workflow("Push new products to the PIM")
@trigger(shopify.admin.product_created)
def run(product):
    shopify.flow.send_http_request(
        method="PATCH",
        url="https://pim.example.com/api/v3/products/{{ product.handle }}",
        headers=[
            ["Content-Type", "application/json"],
            ["Accept", "application/json"],
            ["X-Request-Id", "{{ product.id | md5 }}"],
        ],
        body="""{
  "title": "{{ product.title | replace: '"', '\\"' }}",
  "vendor": "{{ product.vendor }}",
  "type": "{{ product.productType }}",
  "status": "{{ product.status | downcase }}"
}""",
        on_client_error="fail",
        on_server_error="retry",
    )
