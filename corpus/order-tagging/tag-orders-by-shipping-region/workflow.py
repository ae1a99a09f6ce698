@workflow("Tag orders by shipping region")
@trigger(shopify.admin.order_created)
def run(order):
    if order.shippingAddress.countryCodeV2 in ["DE", "AT", "CH"]:
        shopify.admin.add_order_tags(
            order_id={"value": "", "default_value": "order.id"}, tags=["DACH", "EU"]
        )
    elif order.shippingAddress.countryCodeV2 == "US":
        shopify.admin.add_order_tags(
            order_id={"value": "", "default_value": "order.id"}, tags=["US-domestic"]
        )
    else:
        shopify.admin.add_order_tags(
            order_id={"value": "", "default_value": "order.id"}, tags=["International"]
        )
