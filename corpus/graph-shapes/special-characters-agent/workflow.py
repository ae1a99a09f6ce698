@workflow('Café orders with "quoted" notes')
@trigger(shopify.admin.order_created)
def run(order):
    if order.shippingAddress.city == "Café Town" and "back\\\\slash" in order.note:
        shopify.admin.update_order_note(
            order_id=order.id,
            note="""Line one
Line "two" with \\backslash\\ and emoji 😀
{% if order.note contains "\\\\" %}has backslash{% endif %}""",
        )
