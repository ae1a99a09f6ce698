@workflow("Create an Asana task for disputes")
@trigger(shopify.admin.dispute_created)
def run(dispute, order):
    task("flow-connectors::asana::create_task")(
        project="Chargebacks",
        name="Respond to dispute on {{ order.name }}",
        notes="""Reason: {{ dispute.reasonDetails.reason }}
Amount: {{ dispute.amount.amount }} {{ dispute.amount.currencyCode }}
Due: {{ dispute.evidenceDueBy }}""",
    )
