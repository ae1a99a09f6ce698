@workflow("Normalize customer phone numbers")
@trigger(shopify.admin.customer_created)
def run(customer):
    runCode = shopify.flow.run_code(
        input="""query {
  customer {
    phone
    defaultAddress {
      countryCodeV2
    }
  }
}""",
        script="""export default function main({ customer }) {
  const raw = customer.phone || "";
  const digits = raw.replace(/[^0-9+]/g, "");
  let normalized = digits;
  if (!digits.startsWith("+") && customer.defaultAddress?.countryCodeV2 === "US") {
    normalized = "+1" + digits.replace(/^1/, "");
  }
  return { phone: normalized, changed: normalized !== raw && normalized.length > 0 };
}""",
        output_schema="""type Output {
  phone: String!
  changed: Boolean!
}""",
    )
    if runCode.changed == True:
        shopify.admin.admin_api_operation(
            api_call={
                "name": "customerUpdate",
                "blob": json(
                    {
                        "input": {
                            "id": "{{ customer.id }}",
                            "phone": "{{ runCode.phone }}",
                        }
                    }
                ),
            }
        )
