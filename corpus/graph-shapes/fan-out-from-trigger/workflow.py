@workflow("Fan out new orders to three actions")
@trigger(shopify.admin.order_created)
def run(order):
    with branch():
        shopify.admin.add_order_tags(
            order_id={"value": "", "default_value": "order.id"}, tags=["received"]
        )
    with branch():
        shopify.flow.send_http_request(
            method="POST",
            url="https://wms.example.com/orders",
            headers=[["Content-Type", "application/json"]],
            body={"name": "{{ order.name }}"},
            on_client_error="fail",
            on_server_error="retry",
        )
    shopify.flow.send_email(
        address="orders@example.com",
        subject="New order {{ order.name }}",
        message="{{ order.email }}",
    )
