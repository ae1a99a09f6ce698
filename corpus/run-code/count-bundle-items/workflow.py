@workflow("Tag orders that contain bundles")
@trigger(shopify.admin.order_created)
def run(order):
    for lineItemsForeachitem in order.lineItems:
        pass
    step(name="Count bundles")
    countBundles = shopify.flow.run_code(
        input="""query {
  order {
    lineItems {
      sku
      quantity
      customAttributes {
        key
        value
      }
    }
  }
}""",
        script="""export default function main({ order }) {
  let bundleCount = 0;
  for (const li of order.lineItems) {
    const isBundle = li.sku?.startsWith("BNDL-") ||
      li.customAttributes.some((a) => a.key === "_bundle_id");
    if (isBundle) bundleCount += li.quantity;
  }
  return { bundleCount };
}""",
        output_schema="""type Output {
  bundleCount: Int!
}""",
    )
    if countBundles.bundleCount > 0:
        shopify.admin.add_order_tags(
            order_id={"value": "{{ order.id }}", "default_value": "order.id"},
            tags=["bundle"],
        )
