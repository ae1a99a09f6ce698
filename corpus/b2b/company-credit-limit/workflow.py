@workflow("Default credit limit for new companies")
@trigger(shopify.admin.company_created)
def run(company):
    shopify.admin.add_company_metafield(
        company_id=company.id,
        metafield={"namespace": "b2b", "key": "credit_limit", "type": "money"},
        value={"amount": "5000.00", "currency_code": "{{ shop.currencyCode }}"},
    )
    for locationsForeachitem in company.locations:
        shopify.admin.update_company_location_editable_shipping_address(
            company_location_id=locationsForeachitem.id, editable_shipping_address=False
        )
