@workflow("Daily unfulfilled orders report")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=Europe/Berlin:20300105T080000
RRULE:FREQ=DAILY;INTERVAL=1;WKST=MO"""
    ],
)
def run(scheduledAt):
    step(name="Get unfulfilled orders")
    getUnfulfilledOrders = shopify.flow.fetch.orders(
        query="fulfillment_status:unfulfilled AND created_at:<'{{ scheduledAt | date_minus: \"2 days\" }}'",
        sort_key="CREATED_AT",
        limit=100,
    )
    count = shopify.flow.count(listpath="getUnfulfilledOrders")
    if count > 0:
        shopify.flow.send_email(
            address="ops@example.com",
            subject="{{ count }} orders unfulfilled for 2+ days",
            message="""{% for o in getUnfulfilledOrders %}{{ o.name }} | {{ o.createdAt | date: "%Y-%m-%d" }} | {{ o.totalPriceSet.shopMoney.amount | money }}
{% endfor %}""",
        )
