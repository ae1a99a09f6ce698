@workflow("Unpublish products moved to draft")
@trigger(shopify.admin.product_status_updated)
def run(product, oldStatus):
    if oldStatus == "ACTIVE" and product.status == "DRAFT":
        shopify.admin.admin_api_operation(
            api_call={
                "name": "publishableUnpublish",
                "blob": json(
                    {
                        "id": "{{ product.id }}",
                        "input": [
                            {"publicationId": "gid://shopify/Publication/98765432"}
                        ],
                    }
                ),
            }
        )
