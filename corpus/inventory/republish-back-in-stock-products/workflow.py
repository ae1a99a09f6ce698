@workflow("Republish products when back in stock")
@trigger(shopify.admin.product_variant_back_in_stock)
def run(productVariant):
    shopify.admin.publish_product(product_id=productVariant.product.id)
    shopify.admin.remove_product_tags(
        product_id=productVariant.product.id, tags=["sold-out"]
    )
    shopify.admin.add_product_tags(
        product_id=productVariant.product.id, tags=["restocked"]
    )
