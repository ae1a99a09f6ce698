@workflow("Email the team about contact form submissions")
@trigger(shopify.admin.metaobject_created, type="custom_contact_request")
def run(metaobject):
    shopify.flow.send_email(
        address="support@example.com",
        subject="New contact request: {{ metaobject.displayName }}",
        message="""Entry {{ metaobject.handle }} was submitted at {{ metaobject.updatedAt | date: "%Y-%m-%d %H:%M" }}.
Topic: {{ metaobject.topic.value | default: "general" }}
Message:
{{ metaobject.message.value }}""",
    )
