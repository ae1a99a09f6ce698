@workflow("Tag wholesale orders")
@trigger(shopify.admin.order_created)
def run(order):
    if any(
        tags_item in ["wholesale", "b2b", "trade"] for tags_item in order.customer.tags
    ):
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["Wholesale"],
        )
        shopify.admin.remove_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["Retail"],
        )
