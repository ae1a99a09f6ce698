@workflow("Stop overselling when a variant sells out")
@trigger(shopify.admin.product_variant_out_of_stock)
def run(productVariant):
    if productVariant.inventoryPolicy == "CONTINUE":
        shopify.admin.admin_api_operation(
            api_call={
                "name": "productVariantsBulkUpdate",
                "blob": """{
  "productId": "{{ productVariant.product.id }}",
  "variants": [
    {
      "id": "{{ productVariant.id }}",
      "inventoryPolicy": "DENY"
    }
  ]
}
""",
            }
        )
