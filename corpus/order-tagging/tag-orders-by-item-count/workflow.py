@workflow("Tag bulk orders by item count")
@trigger(shopify.admin.order_created)
def run(order):
    if order.currentSubtotalLineItemsQuantity >= 12:
        shopify.admin.add_order_tags(
            order_id=order.id,
            tags=[
                "bulk",
                "{% if order.currentSubtotalLineItemsQuantity >= 50 %}bulk-50-plus{% else %}bulk-12-plus{% endif %}",
            ],
        )
