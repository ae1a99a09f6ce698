@workflow("Monthly top customers report")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=Australia/Sydney:20300201T090000
RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1"""
    ],
)
def run(scheduledAt):
    getCustomerData = shopify.flow.fetch.customers(
        query="amount_spent:>=1000", sort_key="AMOUNT_SPENT", limit=25
    )
    shopify.flow.send_email(
        address="marketing@example.com",
        subject='Top customers - {{ scheduledAt | date: "%B %Y" }}',
        message="<table>{% for c in getCustomerData %}<tr><td>{{ forloop.index }}</td><td>{{ c.displayName }}</td><td>{{ c.amountSpent.amount | money }}</td></tr>{% endfor %}</table>",
    )
