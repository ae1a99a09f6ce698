@workflow("Lookup result with a condition tree")
@trigger(shopify.admin.product_status_updated)
def run(product, oldStatus):
    if oldStatus == "DRAFT" and product.status == "ACTIVE":
        shopify.admin.add_product_tags(product_id=product.id, tags=["launched"])
