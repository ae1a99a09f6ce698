@workflow(
    "Bestellung prüfen – “Sonderzeichen” ✨",
    note="""Überprüft von Jürgen 👍
Zweite Zeile""",
)
@trigger(shopify.admin.order_created)
def run(order):
    if (
        order.shippingAddress.city == "Zürich"
        or "C:\\temp" in order.note
        or '"urgent"' in order.note
    ):
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["Größe-prüfen", "日本語", "emoji-🚚"],
        )
        shopify.flow.send_email(
            address="versand@example.de",
            subject='Neue Bestellung – {{ order.name }} 🎉 "{{ order.customer.displayName }}"',
            message='Grüße!\n\tPfad: C:\\exports\\{{ order.name | remove: "#" }}.csv\n{% assign q = \'"\' %}Zitat: {{ q }}{{ order.note }}{{ q }}\nZeile 1\r\nZeile 2 — Ende ✅\u2028Trenner',
        )
