@workflow("Alert when a variant is deeply oversold")
@patched_field(
    handle="supplierCode",
    field="metafield",
    patched_type="ProductVariant",
    arguments={"key": "code", "namespace": "supplier"},
    merchant_configured=True,
)
@trigger(shopify.admin.product_variant_inventory_quantity_changed)
def run(product, productVariant, inventoryQuantityPrior):
    if (
        productVariant.inventoryQuantity <= -10
        and productVariant.inventoryItem.tracked == True
    ):
        shopify.flow.send_email(
            address="inventory@example.com",
            subject="Oversold by {{ productVariant.inventoryQuantity | abs }}: {{ productVariant.sku }}",
            message="""{{ product.title }} / {{ productVariant.title }} is at {{ productVariant.inventoryQuantity }}.
Supplier code: {{ productVariant.supplierCode.value | default: "n/a" }}""",
        )
