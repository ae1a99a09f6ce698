@workflow("Two actions per line item")
@trigger(shopify.admin.order_created)
def run(order):
    for lineItemsForeachitem in order.lineItems:
        with branch():
            shopify.admin.add_product_tags(
                product_id=lineItemsForeachitem.product.id, tags=["sold"]
            )
        shopify.flow.log_output(
            output="{{ lineItemsForeachitem.sku }} x {{ lineItemsForeachitem.quantity }}"
        )
