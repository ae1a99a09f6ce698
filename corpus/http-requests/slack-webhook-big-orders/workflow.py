@workflow("Post big orders to a Slack webhook")
@trigger(shopify.admin.order_created)
def run(order):
    if order.currentTotalPriceSet.shopMoney.amount > 750:
        shopify.flow.send_http_request(
            method="POST",
            url="https://hooks.slack.com/services/T000/B000/PLACEHOLDER",
            headers=[["Content-Type", "application/json; charset=utf-8"]],
            body={
                "text": "💰 Big order {{ order.name }}: {{ order.currentTotalPriceSet.shopMoney.amount | money }} from {{ order.shippingAddress.city }}, {{ order.shippingAddress.country }}"
            },
            on_client_error="fail",
            on_server_error="retry",
        )
