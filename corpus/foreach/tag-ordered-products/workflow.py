@workflow("Tag products that were just ordered")
@trigger(shopify.admin.order_created)
def run(order):
    for lineItemsForeachitem in order.lineItems:
        shopify.admin.add_product_tags(
            product_id=lineItemsForeachitem.product.id, tags=["ordered-recently"]
        )
