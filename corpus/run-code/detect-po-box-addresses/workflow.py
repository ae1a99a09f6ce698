@workflow("Hold orders shipping to PO boxes")
@trigger(shopify.admin.order_created)
def run(order):
    runCode = shopify.flow.run_code(
        input="""query {
  order {
    shippingAddress {
      address1
      address2
    }
  }
}""",
        script="""const PO_BOX = /\\b(p\\.?\\s*o\\.?\\s*box|post\\s+office\\s+box)\\b/i;

export default function main({ order }) {
  const a = order.shippingAddress;
  if (!a) {
    return { isPoBox: false };
  }
  const line = `${a.address1 ?? ""} ${a.address2 ?? ""}`;
  return { isPoBox: PO_BOX.test(line) };
}""",
        output_schema="""type Output {
  isPoBox: Boolean!
}""",
    )
    if runCode.isPoBox == True:
        for fulfillmentOrdersForeachitem in order.fulfillmentOrders:
            shopify.admin.hold_fulfillment_order(
                fulfillment_order_id=fulfillmentOrdersForeachitem.id,
                reason="INCORRECT_ADDRESS",
                reason_notes="PO box - courier cannot deliver",
                notify_merchant=True,
            )
