@workflow("Tag new products from Acme")
@trigger(shopify.admin.product_created)
def run(product):
    if product.vendor == "Acme" or product.vendor == "Acme Outdoor":
        shopify.admin.add_product_tags(product_id=product.id, tags=["acme", "dropship"])
