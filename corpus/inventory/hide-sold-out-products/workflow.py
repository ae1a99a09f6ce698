@workflow("Hide sold out products")
@trigger(shopify.admin.product_variant_out_of_stock)
def run(productVariant):
    if productVariant.product.totalInventory <= 0:
        shopify.admin.hide_product(
            product_id={
                "value": "{{ productVariant.product.id }}",
                "default_value": "productVariant.product.id",
            }
        )
        shopify.admin.add_product_tags(
            product_id={
                "value": "{{ productVariant.product.id }}",
                "default_value": "productVariant.product.id",
            },
            tags=["sold-out"],
        )
