@workflow("Tag oversold products and tell the ERP")
@trigger(shopify.admin.product_variant_inventory_quantity_changed)
def run(product, productVariant, inventoryQuantityPrior):
    if productVariant.inventoryQuantity < 0:
        shopify.admin.add_product_tags(product_id=product.id, tags=["oversold"])
        shopify.flow.send_http_request(
            method="POST",
            url="https://erp.example.com/api/v2/oversold",
            headers=[
                ["Content-Type", "application/json"],
                ["Authorization", "Bearer {{ shop.id | sha256 }}"],
            ],
            body='{"sku": "{{ productVariant.sku }}", "quantity": {{ productVariant.inventoryQuantity }}, "previous": {{ inventoryQuantityPrior }}}',
            on_client_error="fail",
            on_server_error="retry",
        )
