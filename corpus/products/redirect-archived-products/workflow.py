@workflow("Redirect archived products to their collection")
@trigger(shopify.admin.product_status_updated)
def run(product, oldStatus):
    if oldStatus == "ACTIVE" and product.status == "ARCHIVED":
        shopify.admin.created_redirect_url(
            path="/products/{{ product.handle }}",
            target="{% assign c = product.collections | first %}{% if c %}/collections/{{ c.handle }}{% else %}/collections/all{% endif %}",
            overwrite_target=False,
        )
