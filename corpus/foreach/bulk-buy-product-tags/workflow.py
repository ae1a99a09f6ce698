@workflow("Tag products bought in bulk")
@trigger(shopify.admin.order_created)
def run(order):
    if any(lineItems_item.quantity >= 10 for lineItems_item in order.lineItems):
        for lineItemsForeachitem in order.lineItems:
            if lineItemsForeachitem.quantity >= 10:
                shopify.admin.add_product_tags(
                    product_id={
                        "value": "{{ lineItemsForeachitem.product.id }}",
                        "default_value": "lineItemsForeachitem.product.id",
                    },
                    tags=["bulk-buy"],
                )
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["bulk-order"],
        )
