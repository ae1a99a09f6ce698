@workflow("Track the last order number on the shop")
@trigger(shopify.admin.order_created)
def run(order):
    shopify.admin.add_shop_metafield(
        metafield={
            "namespace": "stats",
            "key": "last_order",
            "type": "single_line_text_field",
        },
        value='{{ order.name }} @ {{ order.createdAt | date: "%Y-%m-%d %H:%M %Z" }}',
    )
