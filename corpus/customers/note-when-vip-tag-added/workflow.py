@workflow("Add a note when a customer becomes VIP")
@trigger(shopify.admin.customer_tags_added)
def run(customer, tags):
    if any(tags_item == "VIP" for tags_item in tags):
        shopify.admin.update_customer_note(
            customer_id=customer.id,
            note="""{{ customer.note }}
VIP since {{ "now" | date: "%Y-%m-%d" }} (spent {{ customer.amountSpent.amount | money }}).""",
        )
