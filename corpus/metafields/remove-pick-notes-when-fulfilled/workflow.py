@workflow("Remove pick list notes when fulfilled")
@patched_field(
    field="metafield",
    arguments={"namespace": "custom", "key": "pick_notes"},
    handle="pickNotes",
    patched_type="ORDER",
    merchant_configured=True,
)
@trigger(shopify.admin.order_fulfilled)
def run(order):
    if order.pickNotes.value:
        shopify.admin.remove_order_metafield(
            order_id=order.id, namespace="custom", key="pick_notes"
        )
