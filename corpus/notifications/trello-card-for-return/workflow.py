@workflow("Create a Trello card for each return request")
@trigger(shopify.admin.return_requested)
def run(order):
    task("flow-connectors::trello::create_card")(
        list="Returns inbox",
        name="Return {{ return.name }} for {{ order.name }}",
        description="""Customer: {{ order.customer.displayName }}
Items:
{% for rli in return.returnLineItems %}- {{ rli.quantity }} × {{ rli.fulfillmentLineItem.lineItem.title }} ({{ rli.returnReason }})
{% endfor %}""",
    )
