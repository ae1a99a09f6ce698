@workflow("Tag both order and customer for wholesale")
@trigger(shopify.admin.order_created)
def run(order):
    if any(tags_item == "wholesale" for tags_item in order.customer.tags):
        with branch():
            shopify.admin.add_order_tags(order_id=order.id, tags=["wholesale-order"])
        with branch():
            shopify.admin.update_order_note(
                order_id=order.id, note="Wholesale pricing applies."
            )
        task("flow-connectors::slack::send_message")(
            channel="#wholesale", message="Wholesale order {{ order.name }}"
        )
