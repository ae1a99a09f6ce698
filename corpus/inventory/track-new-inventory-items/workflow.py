@workflow("Track inventory for new items")
@trigger(shopify.admin.inventory_item_created)
def run(inventoryItem):
    if inventoryItem.tracked == False:
        shopify.admin.admin_api_operation(
            api_call={
                "name": "inventoryItemUpdate",
                "blob": json(
                    {
                        "id": "{{ inventoryItem.id }}",
                        "input": {"tracked": True, "countryCodeOfOrigin": "US"},
                    }
                ),
            }
        )
