@workflow("Daily low stock products to Google Sheets")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=Asia/Tokyo:20300102T070000
RRULE:FREQ=DAILY;INTERVAL=1;BYHOUR=7;BYMINUTE=0"""
    ],
)
def run(scheduledAt):
    getProductData = shopify.flow.fetch.products(
        query="inventory_total:<=5 AND status:active",
        sort_key="INVENTORY_TOTAL",
        limit=100,
    )
    for getProductDataForeachitem in getProductData:
        task("flow-connectors::google_sheets::add_row")(
            spreadsheet="Low stock log",
            sheet="Daily",
            row='{{ scheduledAt | date: "%Y-%m-%d" }},{{ getProductDataForeachitem.title | replace: ",", " " }},{{ getProductDataForeachitem.totalInventory }}',
        )
    shopify.flow.log_output(output="Logged {{ getProductData.id | size }} products")
