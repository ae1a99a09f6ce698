@workflow("Notify store when a transfer is completed")
@trigger(shopify.admin.inventory_transfer_completed)
def run(inventoryTransfer):
    shopify.flow.send_email(
        address="store-{{ inventoryTransfer.destination.location.name | handleize }}@example.com",
        subject="Transfer {{ inventoryTransfer.name }} received",
        message="""Transfer {{ inventoryTransfer.name }} has been completed.
Items: {{ inventoryTransfer.totalQuantity }}
Note: {{ inventoryTransfer.note | default: "(none)" }}""",
    )
