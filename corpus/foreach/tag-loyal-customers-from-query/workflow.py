@workflow("Tag loyal customers weekly")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=America/Denver:20300106T040000
RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=SA"""
    ],
)
def run(scheduledAt):
    getCustomerData = shopify.flow.fetch.customers(
        query="orders_count:>=5 AND -tag:loyal", sort_key="UPDATED_AT", limit=100
    )
    for getCustomerDataForeachitem in getCustomerData:
        if (
            getCustomerDataForeachitem.numberOfOrders >= 5
            and getCustomerDataForeachitem.state == "ENABLED"
        ):
            shopify.admin.add_customer_tags(
                customer_id=getCustomerDataForeachitem.id, tags=["loyal"]
            )
    shopify.flow.log_output(
        output="Checked {{ getCustomerData.id | size }} customers at {{ scheduledAt }}"
    )
