@workflow("Move incomplete products to draft")
@trigger(shopify.admin.product_created)
def run(product):
    if (
        not product.descriptionHtml
        or not product.productType
        or all(variants_item.price <= 0 for variants_item in product.variants)
    ):
        shopify.admin.update_product_status(product_id=product.id, status="DRAFT")
        shopify.flow.send_email(
            address="catalog@example.com",
            subject="Incomplete product moved to draft: {{ product.title }}",
            message="{% capture missing %}{% if product.descriptionHtml == blank %}description {% endif %}{% if product.productType == blank %}type {% endif %}{% endcapture %}Missing: {{ missing | strip }}",
        )
