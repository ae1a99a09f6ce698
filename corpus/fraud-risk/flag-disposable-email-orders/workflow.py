@workflow("Flag orders from disposable email domains")
@trigger(shopify.admin.order_created)
def run(order):
    if (
        order.email.endswith("@mailinator.com")
        or order.email.endswith("@guerrillamail.com")
        or order.email.endswith("@10minutemail.com")
    ):
        with branch():
            shopify.admin.add_order_tags(
                order_id={"value": "", "default_value": "order.id"},
                tags=["suspicious-email"],
            )
        shopify.admin.update_order_note(
            order_id={"value": "", "default_value": "order.id"},
            note="Disposable email address detected: {{ order.email }}",
        )
