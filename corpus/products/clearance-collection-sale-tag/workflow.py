@workflow("Tag clearance collection products")
@patched_field(
    arguments={"id": "gid://shopify/Collection/412345678"},
    field="inCollection",
    handle="inClearance",
    merchant_configured=True,
    patched_type="PRODUCT",
)
@trigger(shopify.admin.product_created)
def run(product):
    if product.inClearance == True:
        shopify.admin.add_product_tags(
            product_id=product.id, tags=["sale", "final-sale"]
        )
