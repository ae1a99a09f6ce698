@workflow("Remove new customer tag after 30 days")
@trigger(shopify.admin.customer_created)
def run(customer):
    shopify.admin.add_customer_tags(
        customer_id={"value": "", "default_value": "customer.id"}, tags=["new"]
    )
    shopify.flow.wait(duration="P30D")
    shopify.admin.remove_customer_tags(
        customer_id={"value": "", "default_value": "customer.id"}, tags=["new"]
    )
