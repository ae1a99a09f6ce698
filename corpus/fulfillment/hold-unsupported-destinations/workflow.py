@workflow("Hold orders to unsupported destinations")
@trigger(shopify.admin.order_created)
def run(order):
    if (
        order.shippingAddress.countryCodeV2 not in ["US", "CA", "GB", "AU"]
        and "approved-export" not in order.note
    ):
        for fulfillmentOrdersForeachitem in order.fulfillmentOrders:
            shopify.admin.hold_fulfillment_order(
                fulfillment_order_id={
                    "value": "{{ fulfillmentOrdersForeachitem.id }}",
                    "default_value": "fulfillmentOrdersForeachitem.id",
                },
                reason="OTHER",
                reason_notes="Destination {{ order.shippingAddress.countryCodeV2 }} needs export approval",
                notify_merchant=True,
            )
        shopify.flow.send_email(
            address="export-compliance@example.com",
            subject="Export approval needed: {{ order.name }}",
            message='Reply with "approved-export" in the order note to release.',
        )
