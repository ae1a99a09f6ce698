@workflow("Tag inactive customers every quarter")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=Europe/Paris:20300401T060000
RRULE:FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1"""
    ],
)
def run(scheduledAt):
    step(name="Get inactive customers")
    getInactiveCustomers = shopify.flow.fetch.customers(
        query="orders_count:0 AND created_at:<'{{ scheduledAt | date_minus: \"6 months\" }}' AND -tag:inactive",
        sort_key="CREATED_AT",
        limit=100,
    )
    for getInactiveCustomersForeachitem in getInactiveCustomers:
        shopify.admin.add_customer_tags(
            customer_id=getInactiveCustomersForeachitem.id, tags=["inactive"]
        )
    shopify.flow.send_email(
        address="crm@example.com",
        subject="Quarterly inactive customer sweep done",
        message="{% assign n = getInactiveCustomers.id | size %}{{ n }} customers tagged inactive.",
    )
