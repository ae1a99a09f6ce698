@workflow("Compute loyalty points for paid orders")
@trigger(shopify.admin.order_paid)
def run(order):
    runCode = shopify.flow.run_code(
        input="""query {
  order {
    totalPriceSet {
      shopMoney {
        amount
      }
    }
    customer {
      tags
    }
  }
}""",
        script="""export default function main({ order }) {
  const spent = parseFloat(order.totalPriceSet.shopMoney.amount);
  const isMember = order.customer?.tags.includes("loyalty-member") ?? false;
  // members earn double points
  const points = Math.floor(spent) * (isMember ? 2 : 1);
  let tier = "bronze";
  if (points >= 1000) tier = "gold";
  else if (points >= 250) tier = "silver";
  return { points, tier };
}""",
        output_schema=""""Loyalty result"
type Output {
  "Points earned by this order"
  points: Int!
  "bronze, silver or gold"
  tier: String!
}""",
    )
    shopify.admin.add_customer_metafield(
        customer_id=order.customer.id,
        metafield={
            "namespace": "loyalty",
            "key": "last_order_points",
            "type": "number_integer",
        },
        value="{{ runCode.points }}",
    )
    if runCode.tier == "gold":
        shopify.admin.add_customer_tags(
            customer_id=order.customer.id, tags=["loyalty-gold"]
        )
