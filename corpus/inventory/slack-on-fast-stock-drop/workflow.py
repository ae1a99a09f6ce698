@workflow("Slack alert on fast stock drop")
@trigger(shopify.admin.product_variant_inventory_quantity_changed)
def run(product, productVariant, inventoryQuantityPrior):
    if (
        productVariant.inventoryQuantity < inventoryQuantityPrior
        and productVariant.inventoryQuantity < 10
        and product.status == "ACTIVE"
    ):
        task("flow-connectors::slack::send_message")(
            channel="#inventory",
            message="{{ product.title }} ({{ productVariant.sku }}) fell to {{ productVariant.inventoryQuantity }} (was {{ inventoryQuantityPrior }}).",
        )
