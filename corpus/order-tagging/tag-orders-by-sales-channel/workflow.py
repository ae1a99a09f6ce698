@workflow("Tag orders by sales channel")
@trigger(shopify.admin.order_created)
def run(order):
    if order.sourceName == "pos":
        shopify.admin.add_order_tags(order_id=order.id, tags=["POS"])
    elif order.sourceName in ["web", "shopify_draft_order"]:
        shopify.admin.add_order_tags(order_id=order.id, tags=["Online"])
    else:
        shopify.admin.add_order_tags(
            order_id=order.id,
            tags=['channel-{{ order.sourceName | downcase | replace: " ", "-" }}'],
        )
