@workflow("Email staff about large orders")
@trigger(shopify.admin.order_created)
def run(order):
    if order.totalPriceSet.shopMoney.amount >= 1500:
        shopify.flow.send_email(
            address="sales@example.com, owner@example.com",
            subject="[{{ shop.name }}] Large order {{ order.name }} - {{ order.totalPriceSet.shopMoney.amount | money }}",
            message="""Hi team,

{{ order.customer.displayName | default: "A guest" }} just placed {{ order.name }}.

{% for li in order.lineItems %}{{ li.quantity }} × {{ li.title }} @ {{ li.originalUnitPriceSet.shopMoney.amount | money }}
{% endfor %}
{% if order.customer.numberOfOrders > 1 %}Returning customer ({{ order.customer.numberOfOrders }} orders).{% else %}First order!{% endif %}

https://admin.shopify.com/orders/{{ order.legacyResourceId }}""",
        )
