@workflow(
    "Route orders by destination and contents",
    note="Regions reviewed quarterly by logistics.",
)
@trigger(shopify.admin.order_created)
def run(order):
    step(description="Skip test orders")
    if order.test == True:
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["test-order"],
        )
    elif order.shippingAddress.countryCodeV2 == "US":
        if order.shippingAddress.provinceCode in ["AK", "HI", "PR", "GU", "VI"]:
            shopify.admin.add_order_tags(
                order_id={"value": "{{ order.id }}", "default_value": "order.id"},
                tags=["us-noncontiguous"],
            )
            for fulfillmentOrdersForeachitem in order.fulfillmentOrders:
                shopify.admin.move_fulfillment_order(
                    fulfillment_order_id={
                        "value": "{{ fulfillmentOrdersForeachitem.id }}",
                        "default_value": "fulfillmentOrdersForeachitem.id",
                    },
                    new_location_id="gid://shopify/Location/60011122233",
                )
        else:
            shopify.admin.add_order_tags(
                order_id={"value": "{{ order.id }}", "default_value": "order.id"},
                tags=["us-contiguous"],
            )
            if (
                "Overnight" in order.shippingLine.title
                or "Next Day" in order.shippingLine.title
            ):
                shopify.admin.add_order_tags(
                    order_id={"value": "{{ order.id }}", "default_value": "order.id"},
                    tags=["overnight"],
                )
                task("flow-connectors::slack::send_message")(
                    channel="#shipping-us",
                    message="Overnight: {{ order.name }} to {{ order.shippingAddress.city }}, {{ order.shippingAddress.provinceCode }}",
                )
    elif order.shippingAddress.countryCodeV2 == "CA":
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["canada"],
        )
        for fulfillmentOrdersForeachitem in order.fulfillmentOrders:
            shopify.admin.move_fulfillment_order(
                fulfillment_order_id={
                    "value": "{{ fulfillmentOrdersForeachitem.id }}",
                    "default_value": "fulfillmentOrdersForeachitem.id",
                },
                new_location_id="gid://shopify/Location/60011122244",
            )
    elif order.shippingAddress.countryCodeV2 in [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    ]:
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["eu", "ioss"],
        )
        if order.totalPriceSet.shopMoney.amount > 150.00:
            shopify.admin.add_order_tags(
                order_id={"value": "{{ order.id }}", "default_value": "order.id"},
                tags=["customs-declaration"],
            )
            shopify.flow.send_email(
                address="customs@example.com",
                subject="Customs declaration needed: {{ order.name }}",
                message="Value {{ order.totalPriceSet.shopMoney.amount | money }} exceeds the IOSS threshold for {{ order.shippingAddress.country }}.",
            )
    elif order.shippingAddress.countryCodeV2 == "GB":
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["uk"],
        )
        shopify.admin.update_order_note(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            note="""{{ order.note }}
UK shipment - include EORI GB123456789000 on the commercial invoice.""",
        )
    elif order.shippingAddress.countryCodeV2 in ["AU", "NZ"]:
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["anz"],
        )
    else:
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["rest-of-world"],
        )
        if any(
            any(tags_item == "hazmat" for tags_item in lineItems_item.product.tags)
            for lineItems_item in order.lineItems
        ):
            for fulfillmentOrdersForeachitem in order.fulfillmentOrders:
                shopify.admin.hold_fulfillment_order(
                    fulfillment_order_id={
                        "value": "{{ fulfillmentOrdersForeachitem.id }}",
                        "default_value": "fulfillmentOrdersForeachitem.id",
                    },
                    reason="OTHER",
                    reason_notes="Hazmat item cannot ship internationally by air",
                    notify_merchant=True,
                )
            shopify.flow.send_email(
                address="intl@example.com",
                subject="International order {{ order.name }} ({{ order.shippingAddress.countryCodeV2 }})",
                message="Ship to {{ order.shippingAddress.country }}.{% if order.totalWeight > 2000 %} Heavy parcel: {{ order.totalWeight }} g.{% endif %}",
            )
        else:
            shopify.flow.log_output(output="Routed {{ order.name }}")
