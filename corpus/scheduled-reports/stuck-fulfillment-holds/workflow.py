@workflow("Daily report of stuck fulfillment holds")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=America/New_York:20300108T093000
RRULE:FREQ=DAILY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR"""
    ],
)
def run(scheduledAt):
    step(name="Get stuck holds")
    getStuckHolds = shopify.flow.fetch.fulfillment_orders(
        query="status:on_hold AND updated_at:<'{{ scheduledAt | date_minus: \"3 days\" }}'",
        sort_key="UPDATED_AT",
        limit=50,
    )
    for getStuckHoldsForeachitem in getStuckHolds:
        task("flow-connectors::slack::send_message")(
            channel="#fulfillment",
            message='Still on hold: {{ getStuckHoldsForeachitem.order.name }} since {{ getStuckHoldsForeachitem.updatedAt | date: "%b %d" }}',
        )
    shopify.flow.log_output(output="stuck holds checked for {{ scheduledAt }}")
