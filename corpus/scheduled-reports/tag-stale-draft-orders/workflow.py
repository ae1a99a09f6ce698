@workflow("Tag stale draft orders nightly")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=UTC:20300101T020000
RRULE:FREQ=DAILY;INTERVAL=1"""
    ],
)
def run(scheduledAt):
    getDraftOrderData = shopify.flow.fetch.draft_orders(
        query="status:open AND updated_at:<'{{ scheduledAt | date_minus: \"30 days\" }}'",
        sort_key="UPDATED_AT",
        limit=50,
    )
    for getDraftOrderDataForeachitem in getDraftOrderData:
        shopify.admin.add_draft_order_tags(
            draft_order_id=getDraftOrderDataForeachitem.id, tags=["stale"]
        )
    shopify.flow.send_email(
        address="sales@example.com",
        subject="Stale draft orders tagged",
        message="""Draft orders not updated for 30 days were tagged "stale":
{% for d in getDraftOrderData %}{{ d.name }} ({{ d.email }})
{% endfor %}""",
    )
