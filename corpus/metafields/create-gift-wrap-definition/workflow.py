@workflow("Create gift wrap metafield definition")
@patched_field(
    arguments={"key": "gift_wrap", "namespace": "custom"},
    field="metafield",
    handle="giftWrap",
    merchant_configured=True,
    patched_type="Order",
)
@trigger(shopify.admin.order_created)
def run(order):
    if order.giftWrap is None:
        shopify.admin.create_metafield_definition(
            owner_type="ORDER",
            name="Gift wrap",
            namespace="custom",
            key="gift_wrap",
            type="boolean",
        )
