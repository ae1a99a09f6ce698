@workflow("Back in stock transactional email")
@trigger(shopify.admin.product_variant_back_in_stock)
def run(productVariant):
    app.transactional_email.send(
        to="waitlist+{{ productVariant.sku | downcase }}@example.com",
        subject="{{ productVariant.displayName }} is back!",
        body="<h1>Good news</h1><p>{{ productVariant.displayName }} is back in stock at {{ productVariant.price | money }}.</p>",
    )
