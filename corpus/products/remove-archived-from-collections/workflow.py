@workflow("Remove archived products from featured collections")
@trigger(shopify.admin.product_status_updated)
def run(product, oldStatus):
    if product.status == "ARCHIVED" and oldStatus != "ARCHIVED":
        shopify.admin.remove_product_from_collections(
            product_id=product.id,
            collection_ids=[
                "gid://shopify/Collection/300000001",
                "gid://shopify/Collection/300000002",
                "gid://shopify/Collection/300000003",
            ],
        )
