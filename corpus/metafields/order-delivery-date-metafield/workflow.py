@workflow("Save delivery date to order metafield")
@trigger(shopify.admin.order_created)
def run(order):
    step(description="Check if Delivery Date key exists")
    if any(
        customAttributes_item.key == "Delivery Date"
        for customAttributes_item in order.customAttributes
    ):
        shopify.admin.add_order_metafield(
            order_id="order.id",
            namespace="custom",
            key="delivery_date",
            value='{% for attr in order.customAttributes %}{% if attr.key == "Delivery Date" %}{{ attr.value | date: "%Y-%m-%d" }}{% endif %}{% endfor %}',
            value_type="date",
        )
