@workflow("Send paid orders to the ERP")
@trigger(shopify.admin.order_paid)
def run(order):
    shopify.flow.send_http_request(
        method="POST",
        url="https://erp.example.com/api/orders",
        headers=[
            ["Content-Type", "application/json"],
            ["X-Shop", "{{ shop.myshopifyDomain }}"],
        ],
        body="""{
  "id": "{{ order.legacyResourceId }}",
  "name": "{{ order.name }}",
  "currency": "{{ order.currencyCode }}",
  "lines": [
{% for li in order.lineItems %}    {"sku": "{{ li.sku }}", "qty": {{ li.quantity }}, "price": "{{ li.originalUnitPriceSet.shopMoney.amount }}"}{% unless forloop.last %},{% endunless %}
{% endfor %}  ]
}""",
        on_client_error="fail",
        on_server_error="retry",
    )
    shopify.admin.add_order_tags(order_id=order.id, tags=["sent-to-erp"])
