@workflow("Tag customers by locale", note="Drives the translated newsletter lists.")
@trigger(shopify.admin.customer_created)
def run(customer):
    if (
        customer.locale.startswith("fr")
        or customer.defaultAddress.countryCodeV2 == "FR"
    ):
        shopify.admin.add_customer_tags(
            customer_id={"value": "{{ customer.id }}", "default_value": "customer.id"},
            tags=["lang-fr"],
        )
    elif not customer.locale.startswith("en"):
        shopify.admin.add_customer_tags(
            customer_id={"value": "{{ customer.id }}", "default_value": "customer.id"},
            tags=["lang-{{ customer.locale | slice: 0, 2 }}"],
        )
