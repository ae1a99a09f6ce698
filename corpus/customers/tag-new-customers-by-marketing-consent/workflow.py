@workflow("Tag new customers by marketing consent")
@trigger(shopify.admin.customer_created)
def run(customer):
    if customer.emailMarketingConsent.marketingState == "SUBSCRIBED":
        shopify.admin.add_customer_tags(
            customer_id={"value": "", "default_value": "customer.id"},
            tags=["newsletter"],
        )
    else:
        shopify.admin.add_customer_tags(
            customer_id={"value": "", "default_value": "customer.id"},
            tags=["no-marketing"],
        )
