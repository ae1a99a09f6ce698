@workflow("Tag foreign currency orders")
@trigger(shopify.admin.order_created)
def run(order):
    if order.presentmentCurrencyCode not in ["USD", "CAD"]:
        shopify.admin.add_order_tags(
            order_id=order.id,
            tags=["fx-{{ order.presentmentCurrencyCode | downcase }}"],
        )
