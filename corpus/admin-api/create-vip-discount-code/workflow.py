@workflow("Create a personal discount code for new VIPs")
@trigger(shopify.admin.customer_tags_added)
def run(customer, tags):
    if any(tags_item == "VIP" for tags_item in tags):
        sendAdminApiRequest = shopify.admin.admin_api_operation(
            api_call={
                "name": "discountCodeBasicCreate",
                "blob": """{
  "basicCodeDiscount": {
    "title": "VIP welcome {{ customer.displayName }}",
    "code": "VIP-{{ customer.id | split: \\"/\\" | last }}",
    "startsAt": "{{ \\"now\\" | date: \\"%Y-%m-%dT%H:%M:%SZ\\" }}",
    "endsAt": "{{ \\"now\\" | date_plus: \\"30 days\\" | date: \\"%Y-%m-%dT%H:%M:%SZ\\" }}",
    "customerSelection": {
      "customers": {
        "add": [
          "{{ customer.id }}"
        ]
      }
    },
    "customerGets": {
      "value": {
        "percentage": 0.15
      },
      "items": {
        "all": true
      }
    },
    "usageLimit": 1,
    "appliesOncePerCustomer": true
  }
}
""",
            }
        )
        shopify.flow.send_email(
            address="vip@example.com",
            subject="VIP code created for {{ customer.displayName }}",
            message="""Discount {{ sendAdminApiRequest.codeDiscountNode.id }} created.
{% if sendAdminApiRequest.userErrors %}Errors: {% for e in sendAdminApiRequest.userErrors %}{{ e.message }}; {% endfor %}{% endif %}""",
        )
