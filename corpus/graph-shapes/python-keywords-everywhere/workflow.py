@workflow("Keyword heavy workflow")
@patched_field(
    field="metafield",
    arguments={"namespace": "custom", "key": "class"},
    handle="class",
    patched_type="CUSTOMER",
    merchant_configured=True,
)
@patched_field(
    field="metafield",
    arguments={"namespace": "custom", "key": "from"},
    handle="from",
    patched_type="CUSTOMER",
    merchant_configured=True,
)
@trigger(shopify.admin.customer_created)
def run(customer):
    step(name="Global")
    shopify.flow.run_code(
        input="""query {
  customer {
    email
  }
}""",
        script="""export default function main({ customer }) {
  const from = (customer.email || "").split("@")[1] || "none";
  return { class: from.endsWith(".edu") ? "student" : "general", from };
}""",
        output_schema="""type Output {
  class: String!
  from: String!
}""",
    )
    if (
        getattr(customer, "class").value == "import"
        or path("global.class") == "student"
    ):
        shopify.admin.add_customer_tags(
            customer_id=customer.id,
            tags=["class", "from", "import", "None", "True", "lambda", "def", "async"],
        )
    else:
        shopify.admin.add_customer_metafield(
            customer_id=customer.id,
            metafield={
                "namespace": "custom",
                "key": "class",
                "type": "single_line_text_field",
            },
            value="{{ global.from }}",
        )
