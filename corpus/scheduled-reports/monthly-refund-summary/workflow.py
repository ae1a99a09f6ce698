@workflow("Monthly refund summary")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=America/Toronto:20300301T080000
RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=1;BYHOUR=8"""
    ],
)
def run(scheduledAt):
    step(name="Get refunded orders")
    getRefundedOrders = shopify.flow.fetch.orders(
        query="financial_status:refunded,partially_refunded AND updated_at:>='{{ scheduledAt | date_minus: \"1 month\" }}'",
        sort_key="UPDATED_AT",
        limit=100,
    )
    sum = shopify.flow.sum(
        listpath="getRefundedOrders.totalRefundedSet.shopMoney.amount"
    )
    count = shopify.flow.count(listpath="getRefundedOrders")
    shopify.flow.send_email(
        address="finance@example.com",
        subject="Refunds last month: {{ sum | money }}",
        message="{{ count }} orders had refunds totalling {{ sum | money_with_currency }}.",
    )
