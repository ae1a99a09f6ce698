@workflow("Route Canadian orders to the Toronto location")
@trigger(shopify.admin.order_created)
def run(order):
    if order.shippingAddress.countryCodeV2 == "CA":
        for fulfillmentOrdersForeachitem in order.fulfillmentOrders:
            shopify.admin.move_fulfillment_order(
                fulfillment_order_id={
                    "value": "{{ fulfillmentOrdersForeachitem.id }}",
                    "default_value": "fulfillmentOrdersForeachitem.id",
                },
                new_location_id="gid://shopify/Location/81234567890",
            )
