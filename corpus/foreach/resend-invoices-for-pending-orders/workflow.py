@workflow("Resend invoices for week-old pending orders")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=Europe/Dublin:20300103T100000
RRULE:FREQ=DAILY;INTERVAL=1;BYHOUR=10;BYMINUTE=0"""
    ],
)
def run(scheduledAt):
    getOrderData = shopify.flow.fetch.orders(
        query="financial_status:pending AND -tag:invoice-reminded AND created_at:<'{{ scheduledAt | date_minus: \"7 days\" }}'",
        sort_key="CREATED_AT",
        limit=100,
    )
    for getOrderDataForeachitem in getOrderData:
        shopify.admin.send_order_invoice(order_id=getOrderDataForeachitem.id)
        shopify.admin.add_order_tags(
            order_id=getOrderDataForeachitem.id, tags=["invoice-reminded"]
        )
    shopify.flow.send_email(
        address="ar@example.com",
        subject="Invoice reminders sent",
        message='{% assign names = getOrderData | map: "name" %}Reminded: {{ names | join: ", " | default: "nobody" }}',
    )
