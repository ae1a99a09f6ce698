@workflow("Send B2B access email to new contacts")
@trigger(shopify.admin.company_contact_created)
def run(companyContact):
    shopify.admin.send_b2b_access_email(customer_id=companyContact.customer.id)
