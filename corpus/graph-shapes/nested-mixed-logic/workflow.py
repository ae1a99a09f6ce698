@workflow("Mixed logic across nesting levels")
@trigger(shopify.admin.order_created)
def run(order):
    if (
        order.totalPriceSet.shopMoney.amount > 100
        and (
            order.shippingAddress.countryCodeV2 == "US"
            or order.shippingAddress.countryCodeV2 == "CA"
        )
        and "skip" not in order.note
    ):
        shopify.admin.add_order_tags(order_id=order.id, tags=["na-free-shipping"])
