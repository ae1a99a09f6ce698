@workflow("Send a marketing email when customers join a segment")
@trigger(shopify.admin.customer_joined_segment)
def run(customer, segment):
    if customer.emailMarketingConsent.marketingState == "SUBSCRIBED":
        shopify.email.execute_marketing_activity()
