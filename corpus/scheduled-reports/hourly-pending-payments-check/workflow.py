@workflow("Hourly pending payments check")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=America/Los_Angeles:20300110T000000
RRULE:FREQ=HOURLY;INTERVAL=1"""
    ],
)
def run(scheduledAt):
    getOrderData = shopify.flow.fetch.orders(
        query="financial_status:pending AND created_at:>'{{ scheduledAt | date_minus: \"1 day\" }}'",
        sort_key="CREATED_AT",
        limit=100,
    )
    count = shopify.flow.count(listpath="getOrderData")
    if count >= 10:
        task("flow-connectors::slack::send_message")(
            channel="#payments",
            message="{{ count }} orders are still pending payment from the last 24h. Is the payment gateway down?",
        )
