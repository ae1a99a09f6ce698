@workflow("Tag orders with subscription items")
@trigger(shopify.admin.order_paid)
def run(order):
    for lineItemsForeachitem in order.lineItems:
        if (
            lineItemsForeachitem.sku.startswith("SUB-")
            and lineItemsForeachitem.quantity >= 1
        ):
            shopify.admin.add_order_tags(
                order_id={"value": "{{ order.id }}", "default_value": "order.id"},
                tags=["subscription"],
            )
