@workflow("Slack message for every new customer")
@trigger(shopify.admin.customer_created)
def run(customer):
    task("flow-connectors::slack::send_message")(
        channel="#new-customers",
        message=":wave: {{ customer.displayName }} ({{ customer.email | default: customer.phone }}) signed up{% if customer.defaultAddress %} from {{ customer.defaultAddress.city }}, {{ customer.defaultAddress.countryCodeV2 }}{% endif %}.",
    )
