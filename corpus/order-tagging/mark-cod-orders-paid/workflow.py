@workflow("Mark cash on delivery orders as paid")
@trigger(shopify.admin.order_fulfilled)
def run(order):
    if any(
        paymentGatewayNames_item == "Cash on Delivery (COD)"
        for paymentGatewayNames_item in order.paymentGatewayNames
    ):
        shopify.admin.mark_order_as_paid(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"}
        )
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["cod-collected"],
        )
