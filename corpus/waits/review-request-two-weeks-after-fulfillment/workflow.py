@workflow("Review request two weeks after fulfillment")
@trigger(shopify.admin.order_fulfilled)
def run(order):
    shopify.flow.wait(duration="P14D")
    if order.cancelledAt is None and order.totalRefundedSet.shopMoney.amount == 0:
        shopify.flow.send_http_request(
            method="POST",
            url="https://reviews.example.com/api/requests",
            headers=[["Content-Type", "application/json"]],
            body={
                "order_id": "{{ order.legacyResourceId }}",
                "email": "{{ order.email }}",
            },
            on_client_error="fail",
            on_server_error="retry",
        )
