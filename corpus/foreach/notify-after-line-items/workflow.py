@workflow("Email a packing summary after each order")
@trigger(shopify.admin.order_created)
def run(order):
    for lineItemsForeachitem in order.lineItems:
        pass
    shopify.flow.send_email(
        address="packing@example.com",
        subject="Pack {{ order.name }}",
        message="""{% for li in order.lineItems %}[ ] {{ li.quantity }} x {{ li.sku | default: li.title }}
{% endfor %}""",
    )
