@workflow("Append delivery instructions to order note")
@trigger(shopify.admin.order_created)
def run(order):
    if any(
        customAttributes_item.key == "Delivery instructions"
        for customAttributes_item in order.customAttributes
    ):
        step(name="Send Admin API request")
        shopify.admin.admin_api_operation(
            api_call={
                "name": "orderUpdate",
                "blob": """{
  "input": {
    "id": "{{ order.id }}",
    "note": "{% for a in order.customAttributes %}{% if a.key == 'Delivery instructions' %}Delivery: {{ a.value | strip_newlines | replace: '"', '' }}{% endif %}{% endfor %}"
  }
}
""",
            }
        )
