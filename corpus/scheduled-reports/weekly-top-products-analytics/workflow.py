@workflow("Weekly top products from analytics")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=Europe/London:20300106T083000
RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=SU;WKST=MO"""
    ],
)
def run(scheduledAt):
    getAnalyticsData = shopify.flow.execute_shopifyql(
        query="FROM sales SHOW total_sales, net_quantity BY product_title SINCE -7d UNTIL today ORDER BY total_sales DESC LIMIT 10"
    )
    shopify.flow.send_email(
        address="team@example.com",
        subject="Top 10 products this week",
        message="""{% for row in getAnalyticsData.rows %}{{ forloop.index }}. {{ row.product_title }} - {{ row.total_sales }} ({{ row.net_quantity }} units)
{% endfor %}""",
    )
