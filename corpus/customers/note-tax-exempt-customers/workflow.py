@workflow("Note tax exempt customers")
@trigger(shopify.admin.customer_created)
def run(customer):
    if customer.taxExempt == True:
        with branch():
            shopify.admin.update_customer_note(
                customer_id=customer.id,
                note='Tax exempt - certificate required. Created {{ customer.createdAt | date: "%d/%m/%Y" }}.',
            )
        shopify.admin.add_customer_tags(customer_id=customer.id, tags=["tax-exempt"])
