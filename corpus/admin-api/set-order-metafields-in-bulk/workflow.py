@workflow("Record order source details in metafields")
@trigger(shopify.admin.order_created)
def run(order):
    sendAdminApiRequest = shopify.admin.admin_api_operation(
        api_call={
            "name": "metafieldsSet",
            "blob": json(
                {
                    "metafields": [
                        {
                            "ownerId": "{{ order.id }}",
                            "namespace": "custom",
                            "key": "source_channel",
                            "type": "single_line_text_field",
                            "value": "{{ order.sourceName }}",
                        },
                        {
                            "ownerId": "{{ order.id }}",
                            "namespace": "custom",
                            "key": "item_count",
                            "type": "number_integer",
                            "value": "{{ order.currentSubtotalLineItemsQuantity }}",
                        },
                    ]
                }
            ),
        }
    )
    if any(
        userErrors_item.message for userErrors_item in sendAdminApiRequest.userErrors
    ):
        shopify.flow.log_output(
            output='metafieldsSet failed for {{ order.name }}: {% for e in sendAdminApiRequest.userErrors %}{{ e.field | join: "." }} {{ e.message }} {% endfor %}'
        )
