@workflow("Add an onboarding note to new companies")
@trigger(shopify.admin.company_created)
def run(company):
    shopify.admin.update_company_note(
        company_id=company.id,
        note="""Onboarding checklist:
- Verify tax ID
- Assign sales rep
- Set payment terms
Created {{ company.createdAt | date: "%Y-%m-%d" }}""",
    )
