@workflow("Set starting inventory for new variants")
@trigger(shopify.admin.product_variant_added)
def run(productVariant, product):
    shopify.admin.admin_api_operation(
        api_call={
            "name": "inventorySetQuantities",
            "blob": """{
  "input": {
    "name": "available",
    "reason": "correction",
    "ignoreCompareQuantity": true,
    "quantities": [
      {
        "inventoryItemId": "{{ productVariant.inventoryItem.id }}",
        "locationId": "gid://shopify/Location/65432109876",
        "quantity": 0
      }
    ]
  }
}
""",
        }
    )
