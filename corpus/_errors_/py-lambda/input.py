@workflow("Tag high value orders")
@trigger(shopify.admin.order_created)
def run(order):
    pick = lambda o: o.totalPriceSet.shopMoney.amount
    if pick(order) >= 500:
        shopify.admin.add_order_tags(order_id=order.id, tags=["High-Value"])
