@workflow("Tag orders from unverified emails")
@trigger(shopify.admin.order_created)
def run(order):
    if order.customer.verifiedEmail == True:
        pass
    else:
        shopify.admin.add_order_tags(order_id=order.id, tags=["unverified-email"])
