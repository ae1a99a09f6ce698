@workflow("Tag presale products in new orders")
@trigger(shopify.admin.order_created)
def run(order):
    if any(any(t == "presale" for t in li.product.tags) for li in order.lineItems):
        for lineItemsForeachitem in order.lineItems:
            if any(t == "presale" for t in lineItemsForeachitem.product.tags):
                shopify.admin.add_product_tags(
                    product_id=lineItemsForeachitem.product.id, tags=["Ordered-Presale"]
                )
        shopify.flow.send_email(
            address="ops@example.com",
            subject="Presale ordered",
            message="Order {{ order.name }} has presale items",
        )
