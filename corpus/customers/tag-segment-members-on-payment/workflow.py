@workflow("Tag customers in the high intent segment")
@trigger(shopify.admin.order_paid)
def run(order):
    lookupCustomerInSegment = shopify.admin.lookup_customer_in_segment(
        customer_id={
            "value": "{{ order.customer.id }}",
            "default_value": "order.customer.id",
        },
        segment_id="gid://shopify/Segment/529876543",
    )
    if lookupCustomerInSegment == True:
        shopify.admin.add_customer_tags(
            customer_id={
                "value": "{{ order.customer.id }}",
                "default_value": "order.customer.id",
            },
            tags=["high-intent"],
        )
