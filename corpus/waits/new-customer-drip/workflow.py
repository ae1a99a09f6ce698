@workflow("New customer drip tags")
@trigger(shopify.admin.customer_created)
def run(customer):
    shopify.flow.wait(duration="P1D")
    shopify.admin.add_customer_tags(customer_id=customer.id, tags=["drip-day-1"])
    shopify.flow.wait(duration="P7D")
    shopify.admin.add_customer_tags(customer_id=customer.id, tags=["drip-day-8"])
    shopify.flow.wait(duration="P30D")
    if customer.numberOfOrders == 0:
        shopify.flow.send_email(
            address="crm@example.com",
            subject="{{ customer.displayName }} has not ordered in 38 days",
            message="Consider a personal outreach: {{ customer.email }}",
        )
