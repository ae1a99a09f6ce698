@workflow("Weekly audit of empty collections")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=Europe/Berlin:20300104T060000
RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=FR"""
    ],
)
def run(scheduledAt):
    getCollectionData = shopify.flow.fetch.collections(
        query="collection_type:custom", sort_key="TITLE", limit=100
    )
    shopify.flow.send_email(
        address="merch@example.com",
        subject="Collection audit",
        message="""{% for col in getCollectionData %}{% if col.productsCount.count == 0 %}EMPTY: {{ col.title }} (/collections/{{ col.handle }})
{% endif %}{% endfor %}""",
    )
