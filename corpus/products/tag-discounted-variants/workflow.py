@workflow("Tag products with a compare-at price")
@trigger(shopify.admin.product_variant_added)
def run(productVariant, product):
    if (
        productVariant.compareAtPrice is not None
        and productVariant.compareAtPrice > productVariant.price
    ):
        shopify.admin.add_product_tags(
            product_id={
                "value": "{{ productVariant.product.id }}",
                "default_value": "productVariant.product.id",
            },
            tags=["on-sale"],
        )
