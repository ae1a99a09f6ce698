@workflow("Store supplier code on new variants")
@trigger(shopify.admin.product_variant_added)
def run(productVariant, product):
    if "-" in productVariant.sku:
        shopify.admin.add_product_variant_metafield(
            product_variant_id=productVariant.id,
            metafield={
                "namespace": "supplier",
                "key": "code",
                "type": "single_line_text_field",
            },
            value='{{ productVariant.sku | split: "-" | first | upcase }}',
        )
