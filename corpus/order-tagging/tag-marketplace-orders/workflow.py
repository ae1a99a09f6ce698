@workflow("Tag marketplace orders")
@trigger(shopify.admin.order_created)
def run(order):
    if not order.name.startswith("#") or order.sourceName in ["amazon", "ebay", "etsy"]:
        shopify.admin.add_order_tags(
            order_id=order.id, tags=["marketplace", "src-{{ order.sourceName }}"]
        )
