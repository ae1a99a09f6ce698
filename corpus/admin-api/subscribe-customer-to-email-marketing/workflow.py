@workflow("Subscribe tagged customers to email marketing")
@trigger(shopify.admin.customer_tags_added)
def run(customer, tags):
    if any(tags_item == "opt-in-store" for tags_item in tags):
        shopify.admin.admin_api_operation(
            api_call={
                "name": "customerEmailMarketingConsentUpdate",
                "blob": json(
                    {
                        "input": {
                            "customerId": "{{ customer.id }}",
                            "emailMarketingConsent": {
                                "marketingState": "SUBSCRIBED",
                                "marketingOptInLevel": "SINGLE_OPT_IN",
                            },
                        }
                    }
                ),
            }
        )
