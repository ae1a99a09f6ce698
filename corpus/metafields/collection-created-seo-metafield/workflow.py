@workflow("Default SEO blurb for new collections")
@trigger(shopify.admin.collection_created)
def run(collection):
    shopify.admin.add_collection_metafield(
        collection_id={"value": "", "default_value": "collection.id"},
        metafield={"namespace": "seo", "key": "blurb", "type": "multi_line_text_field"},
        value="Shop {{ collection.title }} at {{ shop.name }}. Free shipping over $50.",
    )
