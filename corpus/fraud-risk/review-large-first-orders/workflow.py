@workflow("Review large first orders")
@trigger(shopify.admin.order_created)
def run(order):
    if (
        order.customer.numberOfOrders <= 1
        and order.totalPriceSet.shopMoney.amount > 1000
    ):
        shopify.admin.add_order_tags(order_id=order.id, tags=["manual-review"])
        task("flow-connectors::slack::send_message")(
            channel="#fraud-review",
            message=':rotating_light: First order over $1,000: *{{ order.name }}* — {{ order.totalPriceSet.shopMoney.amount | money }} from {{ order.customer.displayName | default: "guest" }} ({{ order.email }})',
        )
