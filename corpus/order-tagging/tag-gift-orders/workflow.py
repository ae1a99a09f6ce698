@workflow(
    "Tag gift orders", note="Packing team relies on the gift tag to leave out invoices."
)
@trigger(shopify.admin.order_created)
def run(order):
    if "gift" in order.note or any(
        customAttributes_item.key == "gift_message" and customAttributes_item.value
        for customAttributes_item in order.customAttributes
    ):
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["gift", "no-invoice"],
        )
