@workflow("Invoice B2B draft orders automatically")
@trigger(shopify.admin.draft_order_created)
def run(draftOrder):
    if any(tags_item == "b2b" for tags_item in draftOrder.customer.tags):
        shopify.admin.update_draft_order_note(
            draft_order_id=draftOrder.id,
            note='Net 30. Invoice sent automatically on {{ "now" | date: "%Y-%m-%d" }}.',
        )
        shopify.admin.add_draft_order_metafield(
            draft_order_id=draftOrder.id,
            metafield={"namespace": "b2b", "key": "invoice_due", "type": "date"},
            value='{{ "now" | date_plus: "30 days" | date: "%Y-%m-%d" }}',
        )
        shopify.admin.send_draft_order_invoice(draft_order_id=draftOrder.id)
