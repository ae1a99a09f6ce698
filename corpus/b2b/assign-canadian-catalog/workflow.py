@workflow("Assign the Canadian catalog to new locations")
@trigger(shopify.admin.company_location_created)
def run(companyLocation):
    if companyLocation.shippingAddress.countryCode == "CA":
        shopify.admin.add_catalog_to_company_location(
            company_location_id={
                "value": "{{ companyLocation.id }}",
                "default_value": "companyLocation.id",
            },
            catalog_id="gid://shopify/CompanyLocationCatalog/30278238",
        )
        shopify.admin.remove_catalog_from_company_location(
            company_location_id={
                "value": "{{ companyLocation.id }}",
                "default_value": "companyLocation.id",
            },
            catalog_id="gid://shopify/CompanyLocationCatalog/30278111",
        )
