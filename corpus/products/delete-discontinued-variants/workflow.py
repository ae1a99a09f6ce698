@workflow("Delete discontinued variants monthly")
@trigger(
    shopify.flow.scheduled_time,
    recurrence=[
        """DTSTART;TZID=Europe/Madrid:20300115T030000
RRULE:FREQ=MONTHLY;INTERVAL=1;BYMONTHDAY=15"""
    ],
)
def run(scheduledAt):
    getProductVariantData = shopify.flow.fetch.product_variants(
        query="tag:discontinued AND inventory_quantity:0", sort_key="ID", limit=100
    )
    for getProductVariantDataForeachitem in getProductVariantData:
        if (
            getProductVariantDataForeachitem.inventoryQuantity == 0
            and getProductVariantDataForeachitem.product.hasOnlyDefaultVariant == False
        ):
            shopify.admin.delete_product_variant(
                product_variant_id={
                    "value": "{{ getProductVariantDataForeachitem.id }}",
                    "default_value": "getProductVariantDataForeachitem.id",
                }
            )
