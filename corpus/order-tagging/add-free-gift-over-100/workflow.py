@workflow("Add a free gift to orders over 100")
@trigger(shopify.admin.order_created)
def run(order):
    if order.totalPriceSet.shopMoney.amount >= 100 and not any(
        lineItems_item.sku == "GIFT-TOTE" for lineItems_item in order.lineItems
    ):
        shopify.admin.add_order_line_item(
            order_id=order.id,
            variant_id="gid://shopify/ProductVariant/44012345678901",
            quantity=1,
        )
        shopify.admin.add_order_tags(order_id=order.id, tags=["free-gift-added"])
