@workflow("Mixed logic condition tree")
@trigger(shopify.admin.customer_created)
def run(customer):
    if (
        customer.email.endswith(".edu")
        and customer.verifiedEmail == True
        or any(tags_item == "student" for tags_item in customer.tags)
        and customer.state != "DISABLED"
    ):
        shopify.admin.add_customer_tags(
            customer_id={"value": "", "default_value": "customer.id"},
            tags=["student-discount"],
        )
