@workflow("Set care instructions for apparel")
@patched_field(
    arguments={"key": "care_instructions", "namespace": "custom"},
    field="metafield",
    handle="careInstructions",
    merchant_configured=True,
    patched_type="PRODUCT",
)
@trigger(shopify.admin.product_created)
def run(product):
    if product.productType == "Apparel" and not product.careInstructions.value:
        shopify.admin.add_product_metafield(
            product_id=product.id,
            metafield={
                "namespace": "custom",
                "key": "care_instructions",
                "type": "multi_line_text_field",
            },
            value="""Machine wash cold.
Do not tumble dry.
Iron on low heat.""",
        )
