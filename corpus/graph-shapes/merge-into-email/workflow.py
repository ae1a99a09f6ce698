@workflow("Note gift orders then email packing")
@trigger(shopify.admin.order_created)
def run(order):
    if any(
        customAttributes_item.key == "gift_note"
        for customAttributes_item in order.customAttributes
    ):
        shopify.admin.update_order_note(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            note='{% for a in order.customAttributes %}{% if a.key == "gift_note" %}GIFT NOTE: {{ a.value }}{% endif %}{% endfor %}',
        )
        merge_1()
    else:
        merge_1()


def merge_1():
    shopify.flow.send_email(
        address="packing@example.com",
        subject="Pack {{ order.name }}",
        message='Note: {{ order.note | default: "-" }}',
    )
