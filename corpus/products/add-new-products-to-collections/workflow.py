@workflow("Add new products to the new arrivals collection")
@trigger(shopify.admin.product_created)
def run(product):
    shopify.admin.add_product_to_collections(
        product_id=product.id,
        collection_ids=[
            "gid://shopify/Collection/301234567",
            "gid://shopify/Collection/301234999",
        ],
    )
