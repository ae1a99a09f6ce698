@workflow("Weekly sales summary")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=America/Chicago:20300107T060000
RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;WKST=MO"""
    ],
)
def run(scheduledAt):
    getOrderData = shopify.flow.fetch.orders(
        query='created_at:>=\'{{ scheduledAt | date_minus: "7 days" | date: "%Y-%m-%d" }}\' AND financial_status:paid',
        sort_key="CREATED_AT",
        limit=100,
    )
    sum = shopify.flow.sum(listpath="getOrderData.totalPriceSet.shopMoney.amount")
    count = shopify.flow.count(listpath="getOrderData")
    shopify.flow.send_email(
        address="owner@example.com",
        subject='Sales for the week ending {{ scheduledAt | date: "%b %d" }}',
        message="""{% assign avg = sum | divided_by: count %}Orders: {{ count }}
Revenue: {{ sum | money }}
Average order value: {{ avg | money }}
{% if count == 100 %}(Only the first 100 orders were counted.){% endif %}""",
    )
