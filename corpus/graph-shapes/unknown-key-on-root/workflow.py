@workflow("Root with extra metadata")
@trigger(shopify.admin.customer_created)
def run(customer):
    shopify.admin.add_customer_tags(
        customer_id=customer.id, tags=['signup-{{ "now" | date: "%Y" }}']
    )
