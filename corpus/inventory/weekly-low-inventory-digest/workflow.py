@workflow("Weekly low inventory digest")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=America/New_York:20300107T070000
RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;WKST=MO"""
    ],
)
def run(scheduledAt):
    getProductVariantData = shopify.flow.fetch.product_variants(
        query="inventory_quantity:<10 AND product_status:active",
        sort_key="INVENTORY_QUANTITY",
        limit=100,
    )
    shopify.flow.send_email(
        address="ops@example.com",
        subject='Low inventory ({{ scheduledAt | date: "%b %d" }})',
        message="""{% for v in getProductVariantData %}{{ v.sku }}\t{{ v.displayName }}\t{{ v.inventoryQuantity }}
{% endfor %}""",
    )
