@workflow("Customer onboarding and segmentation")
@trigger(shopify.admin.customer_created)
def run(customer):
    if customer.emailMarketingConsent.marketingState == "SUBSCRIBED":
        shopify.admin.add_customer_tags(customer_id=customer.id, tags=["newsletter"])
        shopify.flow.send_http_request(
            method="POST",
            url="https://api.esp.example.com/v1/lists/main/members",
            headers=[
                ["Content-Type", "application/json"],
                ["X-Api-Key", "PLACEHOLDER"],
            ],
            body={
                "email": "{{ customer.email }}",
                "first_name": "{{ customer.firstName }}",
                "locale": "{{ customer.locale }}",
            },
            on_client_error="ignore",
            on_server_error="retry",
        )
    elif customer.smsMarketingConsent.marketingState == "SUBSCRIBED":
        shopify.admin.add_customer_tags(
            customer_id=customer.id, tags=["sms-subscriber"]
        )
    if customer.defaultAddress.countryCodeV2 == "US":
        if customer.defaultAddress.provinceCode in ["CA", "NY", "WA", "OR", "MA"]:
            shopify.admin.add_customer_tags(
                customer_id=customer.id, tags=["us-coastal"]
            )
    elif customer.defaultAddress.countryCodeV2 is not None:
        shopify.admin.add_customer_tags(customer_id=customer.id, tags=["international"])
        shopify.admin.update_customer_note(
            customer_id=customer.id,
            note="International customer ({{ customer.defaultAddress.country }}). Prices shown in {{ shop.currencyCode }}.",
        )
    if (
        customer.email.endswith("@gmail.com")
        or customer.email.endswith("@yahoo.com")
        or customer.email.endswith("@outlook.com")
        or customer.email.endswith("@hotmail.com")
    ):
        pass
    elif customer.email:
        shopify.admin.add_customer_tags(customer_id=customer.id, tags=["possible-b2b"])
        task("flow-connectors::slack::send_message")(
            channel="#sales-leads",
            message="Possible B2B signup: {{ customer.displayName }} <{{ customer.email }}>",
        )
        shopify.admin.add_customer_metafield(
            customer_id=customer.id,
            metafield={
                "namespace": "crm",
                "key": "company_domain",
                "type": "single_line_text_field",
            },
            value='{{ customer.email | split: "@" | last | downcase }}',
        )
    if customer.taxExempt == True:
        shopify.admin.add_customer_tags(customer_id=customer.id, tags=["tax-exempt"])
        shopify.admin.update_customer_note(
            customer_id=customer.id, note="Tax exemption certificate pending."
        )
    with branch():
        shopify.flow.wait(duration="P1D")
        if customer.numberOfOrders == 0:
            shopify.admin.add_customer_tags(customer_id=customer.id, tags=["nudge-1"])
            shopify.flow.wait(duration="P6D")
            if customer.numberOfOrders == 0:
                shopify.flow.send_http_request(
                    method="POST",
                    url="https://api.esp.example.com/v1/flows/first-purchase-coupon",
                    headers=[["Content-Type", "application/json"]],
                    body={"email": "{{ customer.email }}"},
                    on_client_error="ignore",
                    on_server_error="retry",
                )
        else:
            shopify.admin.add_customer_tags(
                customer_id=customer.id, tags=["fast-buyer"]
            )
    if not customer.firstName or not customer.lastName:
        shopify.admin.add_customer_tags(
            customer_id=customer.id, tags=["incomplete-profile"]
        )
        step(name="Guess name")
        guessName = shopify.flow.run_code(
            input="""query {
  customer {
    email
  }
}""",
            script="""export default function main({ customer }) {
  const local = (customer.email || "").split("@")[0];
  const parts = local.split(/[._-]+/).filter(Boolean);
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  return { guess: parts.length === 2 ? parts.map(cap).join(" ") : "" };
}""",
            output_schema="""type Output {
  "Best guess at a full name, or empty"
  guess: String!
}""",
        )
        if guessName.guess:
            shopify.admin.admin_api_operation(
                api_call={
                    "name": "customerUpdate",
                    "blob": json(
                        {
                            "input": {
                                "id": "{{ customer.id }}",
                                "firstName": '{{ guessName.guess | split: " " | first }}',
                                "lastName": '{{ guessName.guess | split: " " | last }}',
                            }
                        }
                    ),
                }
            )
