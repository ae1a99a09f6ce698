@workflow("Tag orders with pre-order items")
@trigger(shopify.admin.order_created)
def run(order):
    if any(
        any(tags_item == "pre-order" for tags_item in lineItems_item.product.tags)
        for lineItems_item in order.lineItems
    ):
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["Pre-order"],
        )
        shopify.admin.update_order_note(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            note="""{{ order.note }}
Contains pre-order items:{% for li in order.lineItems %}{% if li.product.tags contains 'pre-order' %}
- {{ li.quantity }} x {{ li.title }}{% endif %}{% endfor %}""",
        )
