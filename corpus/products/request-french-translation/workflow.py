@workflow("Request French translation for new products")
@patched_field(
    field="translations",
    arguments={"locale": "fr", "key": "title"},
    handle="frenchTitle",
    patched_type="PRODUCT",
    merchant_configured=True,
)
@trigger(shopify.admin.product_created)
def run(product):
    if not product.frenchTitle.value:
        task("flow-connectors::trello::create_card")(
            list="Translations - To do",
            name="FR: {{ product.title }}",
            description="""Translate title and description.
Admin: https://admin.shopify.com/products/{{ product.legacyResourceId }}""",
        )
