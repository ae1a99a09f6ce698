@workflow("Post payment chain")
@trigger(shopify.admin.order_paid)
def run(order):
    shopify.admin.add_order_tags(order_id=order.id, tags=["paid"])
    shopify.admin.update_order_note(
        order_id=order.id, note='Paid via {{ order.paymentGatewayNames | join: ", " }}'
    )
    shopify.admin.add_customer_tags(customer_id=order.customer.id, tags=["customer"])
    shopify.flow.send_email(
        address="accounts@example.com",
        subject="Payment received for {{ order.name }}",
        message="{{ order.totalPriceSet.presentmentMoney.amount }} {{ order.presentmentCurrencyCode }}",
    )
    shopify.flow.log_output(output="done {{ order.name }}")
