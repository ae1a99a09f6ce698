@workflow("Canvas coordinates with varied number lexemes")
@trigger(shopify.admin.order_created)
def run(order):
    if order.subtotalPriceSet.shopMoney.amount < 20.50:
        shopify.admin.add_order_tags(
            order_id={"value": "", "default_value": "order.id"}, tags=["small-order"]
        )
        shopify.flow.log_output(output="small order {{ order.name }}")
