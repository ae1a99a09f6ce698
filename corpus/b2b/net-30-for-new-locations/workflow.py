@workflow("Net 30 terms for new company locations")
@trigger(shopify.admin.company_location_created)
def run(companyLocation):
    shopify.admin.update_company_location_payment_terms(
        company_location_id={"value": "", "default_value": "companyLocation.id"},
        payment_terms_template_id="gid://shopify/PaymentTermsTemplate/4",
    )
    shopify.admin.update_company_location_checkout_to_draft(
        company_location_id={"value": "", "default_value": "companyLocation.id"},
        checkout_to_draft=True,
    )
