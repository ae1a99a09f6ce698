@workflow("Flag customers who signed up with phone only")
@trigger(shopify.admin.customer_created)
def run(customer):
    if not customer.email and customer.phone:
        shopify.admin.add_customer_tags(customer_id=customer.id, tags=["sms-only"])
