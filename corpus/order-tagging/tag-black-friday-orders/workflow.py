@workflow("Tag Black Friday weekend orders")
@trigger(shopify.admin.order_created)
def run(order):
    if (
        order.processedAt >= "2030-11-29T05:00:00.000Z"
        and order.processedAt < "2030-12-03T08:00:00.000Z"
    ):
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["BFCM-2030"],
        )
