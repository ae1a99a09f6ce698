@workflow("Email when a variant drops below five")
@trigger(shopify.admin.product_variant_inventory_quantity_changed)
def run(product, productVariant, inventoryQuantityPrior):
    if productVariant.inventoryQuantity <= 5 and inventoryQuantityPrior > 5:
        shopify.flow.send_email(
            address="purchasing@example.com",
            subject="Low stock: {{ product.title }} - {{ productVariant.title }}",
            message="""SKU {{ productVariant.sku }} dropped from {{ inventoryQuantityPrior }} to {{ productVariant.inventoryQuantity }} units.
{% if productVariant.inventoryQuantity <= 0 %}It is now SOLD OUT.{% else %}Reorder soon.{% endif %}""",
        )
