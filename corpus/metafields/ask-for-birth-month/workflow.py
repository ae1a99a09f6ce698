@workflow("Default birth month for new customers")
@patched_field(
    field="metafield",
    arguments={"namespace": "custom", "key": "birth_month"},
    handle="birthMonth",
    patched_type="CUSTOMER",
    merchant_configured=True,
)
@trigger(shopify.admin.customer_created)
def run(customer):
    if not customer.birthMonth.value:
        shopify.admin.add_customer_metafield(
            customer_id=customer.id,
            metafield={
                "namespace": "custom",
                "key": "birth_month",
                "type": "single_line_text_field",
            },
            value="unknown",
        )
