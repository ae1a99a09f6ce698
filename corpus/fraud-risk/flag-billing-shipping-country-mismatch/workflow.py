@workflow("Flag orders with mismatched billing and shipping country")
@trigger(shopify.admin.order_created)
def run(order):
    if order.billingAddress.countryCodeV2 != order.shippingAddress.countryCodeV2:
        shopify.admin.add_order_tags(
            order_id=order.id, tags=["address-mismatch", "review"]
        )
