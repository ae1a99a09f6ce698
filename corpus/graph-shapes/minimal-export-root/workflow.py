@workflow("Export without optional root keys")
@patched_field(
    handle="units",
    field="metafield",
    patched_type="Order",
    arguments={"key": "units", "namespace": "custom"},
    merchant_configured=True,
)
@trigger(shopify.admin.order_created)
def run(order):
    for lineItemsForeachitem in order.lineItems:
        pass
    step(name="Run code")
    runCode = shopify.flow.run_code(
        input="""query {
  order {
    lineItems {
      quantity
    }
  }
}""",
        script="""export default function main({ order }) {
  return { units: order.lineItems.reduce((n, li) => n + li.quantity, 0) };
}""",
        output_schema="""type Output {
  units: Int!
}""",
    )
    step(name="Send Admin API request")
    shopify.admin.admin_api_operation(
        api_call={
            "name": "orderUpdate",
            "blob": """{
  "input": {
    "id": "{{ order.id }}",
    "customAttributes": [{"key": "units", "value": "{{ runCode.units }}"}]
  }
}
""",
        }
    )
