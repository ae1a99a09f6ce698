@workflow("Clean up disabled customer accounts")
@trigger(shopify.admin.customer_account_disabled)
def run(customer):
    shopify.admin.remove_customer_tags(
        customer_id=customer.id, tags=["newsletter", "VIP", "loyalty-member"]
    )
    shopify.flow.send_email(
        address="crm@example.com",
        subject="Account disabled: {{ customer.displayName }}",
        message="Customer {{ customer.displayName }} <{{ customer.email }}> disabled their account. Tags removed.",
    )
