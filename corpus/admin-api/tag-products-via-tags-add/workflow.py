@workflow("Tag new products with their vendor")
@trigger(shopify.admin.product_created)
def run(product):
    shopify.admin.admin_api_operation(
        api_call={
            "name": "tagsAdd",
            "blob": json(
                {
                    "id": "{{ product.id }}",
                    "tags": ["vendor:{{ product.vendor | handleize }}", "new-arrival"],
                }
            ),
        }
    )
