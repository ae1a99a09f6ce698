@workflow("Handle failed subscription billing")
@trigger(shopify.admin.subscription_billing_attempt_failed)
def run(subscriptionBillingAttempt):
    shopify.admin.add_customer_tags(
        customer_id=subscriptionBillingAttempt.subscriptionContract.customer.id,
        tags=["billing-failed"],
    )
    shopify.flow.send_email(
        address="subscriptions@example.com",
        subject="Billing failed: {{ subscriptionBillingAttempt.subscriptionContract.customer.displayName }}",
        message="""Error: {{ subscriptionBillingAttempt.errorMessage | default: "unknown" }}
Code: {{ subscriptionBillingAttempt.errorCode }}""",
    )
