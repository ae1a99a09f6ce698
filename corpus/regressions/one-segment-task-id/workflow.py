@workflow("Custom one-word task")
@trigger(shopify.admin.order_created)
def run(order):
    task("notify")(message="{{ order.name }}")
    task("step")()
