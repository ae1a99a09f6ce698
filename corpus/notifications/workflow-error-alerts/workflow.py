@workflow("Alert on workflow errors")
@trigger(shopify.flow.workflow_error_occurred)
def run(
    workflowId,
    workflowRunId,
    workflowName,
    shopDomain,
    workflowRunUrl,
    workflowUrl,
    workflowVersion,
):
    shopify.iris.send_shopify_alert_for_errors()
    shopify.flow.send_email(
        address="dev@example.com",
        subject='Flow error in "{{ workflowName }}"',
        message="""Workflow {{ workflowName }} (version {{ workflowVersion }}) failed on {{ shopDomain }}.
Run: {{ workflowRunUrl }}
Workflow: {{ workflowUrl }}""",
    )
