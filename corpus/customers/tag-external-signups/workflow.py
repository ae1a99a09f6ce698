@workflow("Tag signups outside the staff domain")
@trigger(shopify.admin.customer_created)
def run(customer):
    if not customer.email.endswith("@ourstore.com") and customer.email:
        shopify.admin.add_customer_tags(
            customer_id={"value": "", "default_value": "customer.id"}, tags=["external"]
        )
