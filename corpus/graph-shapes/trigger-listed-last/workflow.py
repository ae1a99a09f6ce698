@workflow("Steps exported in arbitrary order")
@trigger(shopify.admin.draft_order_created)
def run(draftOrder):
    if not any(
        any(tags_item == "fragile" for tags_item in lineItems_item.product.tags)
        for lineItems_item in draftOrder.lineItems
    ):
        shopify.admin.add_draft_order_tags(
            draft_order_id={
                "value": "{{ draftOrder.id }}",
                "default_value": "draftOrder.id",
            },
            tags=["standard-packing"],
        )
        shopify.admin.send_draft_order_invoice(
            draft_order_id={
                "value": "{{ draftOrder.id }}",
                "default_value": "draftOrder.id",
            }
        )
