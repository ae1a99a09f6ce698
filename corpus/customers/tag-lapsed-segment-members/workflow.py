@workflow("Tag customers who join the lapsed segment")
@trigger(shopify.admin.customer_joined_segment)
def run(customer, segment):
    if segment.name == "Lapsed buyers":
        shopify.admin.add_customer_tags(
            customer_id=customer.id, tags=["winback", "lapsed"]
        )
