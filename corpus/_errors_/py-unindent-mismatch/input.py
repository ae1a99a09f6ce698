@workflow("Tag high value orders")
@trigger(shopify.admin.order_created)
def run(order):
    if order.totalPriceSet.shopMoney.amount >= 500.00:
        shopify.admin.add_order_tags(order_id=order.id, tags=["High-Value"])
  shopify.admin.add_order_tags(order_id=order.id, tags=["Checked"])
