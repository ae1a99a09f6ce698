@workflow("Tag vendor items and email the buyer team")
@trigger(shopify.admin.order_created)
def run(order):
    for lineItemsForeachitem in order.lineItems:
        if lineItemsForeachitem.vendor == "Northwind":
            shopify.admin.add_product_tags(
                product_id=lineItemsForeachitem.product.id, tags=["northwind-sold"]
            )
    shopify.flow.send_email(
        address="buyers@example.com",
        subject="{{ order.name }} processed",
        message='{% assign vendors = order.lineItems | map: "vendor" | uniq %}Vendors in this order: {{ vendors | join: ", " }}',
    )
