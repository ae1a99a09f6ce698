@workflow("Tag B2B orders with a PO number")
@trigger(shopify.admin.order_created)
def run(order):
    if order.poNumber:
        shopify.admin.add_order_tags(
            order_id=order.id, tags=["B2B", "PO-{{ order.poNumber | upcase }}"]
        )
