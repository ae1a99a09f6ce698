@workflow("Tag customers by loyalty tier metafield")
@patched_field(
    handle="loyaltyTier",
    field="metafield",
    patched_type="Customer",
    arguments={"key": "loyalty_tier", "namespace": "custom"},
    merchant_configured=True,
)
@trigger(shopify.admin.order_paid)
def run(order):
    if order.customer.loyaltyTier.value in ["gold", "platinum"]:
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["priority-pack"],
        )
        shopify.admin.add_customer_metafield(
            customer_id={
                "value": "{{ order.customer.id }}",
                "default_value": "order.customer.id",
            },
            metafield={
                "namespace": "custom",
                "key": "last_priority_order",
                "type": "single_line_text_field",
            },
            value="{{ order.name }}",
        )
