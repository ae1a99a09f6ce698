@workflow("Delete test customer accounts")
@trigger(shopify.admin.customer_created)
def run(customer):
    if customer.email.endswith("@test.example.com") and customer.numberOfOrders == 0:
        shopify.admin.delete_customer(
            customer_id={"value": "{{ customer.id }}", "default_value": "customer.id"}
        )
