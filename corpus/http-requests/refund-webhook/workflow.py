@workflow("Notify accounting webhook on refund")
@trigger(shopify.admin.refund_created)
def run(refund, order):
    shopify.flow.send_http_request(
        method="POST",
        url="https://hooks.accounting.example.com/refunds",
        headers=[["Content-Type", "application/json"]],
        body={
            "order": "{{ order.name }}",
            "refund": "{{ refund.id }}",
            "amount": "{{ refund.totalRefundedSet.shopMoney.amount }}",
            "note": "{{ refund.note | escape }}",
        },
        on_client_error="fail",
        on_server_error="retry",
    )
