@workflow("Move fulfillment to backup warehouse")
@trigger(shopify.admin.fulfillment_order_ready_to_fulfill)
def run(fulfillmentOrder, order):
    if fulfillmentOrder.assignedLocation.name == "Main Warehouse" and any(
        lineItems_item.sku.startswith("BULKY-")
        for lineItems_item in fulfillmentOrder.lineItems
    ):
        shopify.admin.move_fulfillment_order(
            fulfillment_order_id={
                "value": "{{ fulfillmentOrder.id }}",
                "default_value": "fulfillmentOrder.id",
            },
            new_location_id="gid://shopify/Location/71849574455",
        )
