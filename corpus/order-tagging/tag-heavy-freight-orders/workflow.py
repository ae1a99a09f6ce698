@workflow("Tag heavy freight orders")
@trigger(shopify.admin.order_created)
def run(order):
    if order.totalWeight > 20000:
        shopify.admin.add_order_tags(order_id=order.id, tags=["heavy-freight"])
        shopify.flow.send_email(
            address="warehouse@example.com",
            subject="Heavy order {{ order.name }} needs freight booking",
            message="""Order {{ order.name }} weighs {{ order.totalWeight | divided_by: 1000.0 | round: 1 }} kg.

Ship to:
{{ order.shippingAddress.name }}
{{ order.shippingAddress.address1 }}
{{ order.shippingAddress.zip }} {{ order.shippingAddress.city }}
{{ order.shippingAddress.country }}

Please book a pallet carrier before {{ order.createdAt | date_plus: "2 days" | date: "%A %d %B" }}.""",
        )
