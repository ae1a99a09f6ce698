@workflow("Erase stored birthday on request")
@trigger(shopify.admin.customer_tags_added)
def run(customer, tags):
    if any(tags_item == "gdpr-erase" for tags_item in tags):
        shopify.admin.remove_customer_metafield(
            customer_id=customer.id,
            metafield={"namespace": "custom", "key": "birthday", "type": "date"},
        )
        shopify.admin.remove_customer_tags(customer_id=customer.id, tags=["gdpr-erase"])
