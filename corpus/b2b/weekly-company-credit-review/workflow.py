@workflow("Weekly company credit review")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=America/Vancouver:20300107T100000
RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO"""
    ],
)
def run(scheduledAt):
    getCompanyData = shopify.flow.fetch.companies(
        query="updated_at:>'{{ scheduledAt | date_minus: \"7 days\" }}'",
        sort_key="UPDATED_AT",
        limit=100,
    )
    count = shopify.flow.count(listpath="getCompanyData")
    if count > 0:
        shopify.flow.send_email(
            address="ar@example.com",
            subject="{{ count }} companies changed this week",
            message="""{% for co in getCompanyData %}- {{ co.name }} ({{ co.externalId | default: "no ERP id" }})
{% endfor %}""",
        )
