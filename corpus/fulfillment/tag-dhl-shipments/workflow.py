@workflow("Tag orders shipped with DHL")
@trigger(shopify.admin.fulfillment_created)
def run(fulfillment, order):
    if any(
        "DHL" in trackingInfo_item.company
        for trackingInfo_item in fulfillment.trackingInfo
    ):
        shopify.admin.add_order_tags(
            order_id={"value": "", "default_value": "order.id"}, tags=["shipped-dhl"]
        )
