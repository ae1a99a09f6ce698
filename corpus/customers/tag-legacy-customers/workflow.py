@workflow("Tag customers from the old store")
@trigger(shopify.admin.customer_created)
def run(customer):
    if customer.createdAt < "2020-01-01T00:00:00.000Z" or "imported" in customer.note:
        shopify.admin.add_customer_tags(customer_id=customer.id, tags=["legacy"])
