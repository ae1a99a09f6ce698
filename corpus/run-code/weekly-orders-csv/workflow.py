@workflow("Email a weekly orders CSV")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=Europe/Amsterdam:20300107T050000
RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO"""
    ],
)
def run(scheduledAt):
    getOrderData = shopify.flow.fetch.orders(
        query="created_at:>='{{ scheduledAt | date_minus: \"1 week\" }}'",
        sort_key="CREATED_AT",
        limit=100,
    )
    runCode = shopify.flow.run_code(
        input="""{
  getOrderData {
    name
    createdAt
    email
    totalPriceSet { shopMoney { amount currencyCode } }
  }
}""",
        script="""export default function main({ getOrderData }) {
  const esc = (s) => `"${String(s ?? "").replace(/"/g, '""')}"`;
  const rows = getOrderData.map((o) =>
    [o.name, o.createdAt, o.email, o.totalPriceSet.shopMoney.amount, o.totalPriceSet.shopMoney.currencyCode]
      .map(esc)
      .join(","),
  );
  console.log(`rows: ${rows.length}`);
  return { csv: ["name,created_at,email,total,currency", ...rows].join("\\n"), count: rows.length };
}""",
        output_schema="""type Output {
  "CSV text with a header row"
  csv: String!
  count: Int!
}""",
    )
    shopify.flow.send_email(
        address="bookkeeping@example.com",
        subject="Orders CSV ({{ runCode.count }} rows)",
        message="{{ runCode.csv }}",
    )
