import { py } from "../../../src/python/ast/builders.js";
import type { Expr, Module, Stmt } from "../../../src/python/ast/nodes.js";

/**
 * Hand-built modules for the layouts the Flow dialect emits, each with the exact text black
 * 23.1 keeps. The expected texts were produced by the printer and then confirmed with the
 * real `black` (the layout test re-checks all of them with black in one batch).
 */
export interface LayoutCase {
  readonly name: string;
  readonly module: Module;
  readonly expected: string;
}

const d = py.dotted;
const s = py.str;
const kw = py.keyword;
const call = (
  func: string,
  args: readonly Expr[] = [],
  keywords: ReturnType<typeof kw>[] = [],
): Expr => py.call(d(func), args, keywords);
const workflowDef = (
  body: readonly Stmt[],
  decorators: readonly Expr[] = [],
): Stmt => py.def("workflow", ["order"], body, decorators);

export const layoutCases: readonly LayoutCase[] = [
  {
    name: "decorated top-level defs are separated by two blank lines",
    module: py.module([
      py.def(
        "first",
        [],
        [py.pass()],
        [
          call(
            "workflow",
            [s("Tag VIP orders")],
            [kw("note", s("Adds a tag"))],
          ),
          call("trigger", [d("shopify.admin.order_created")]),
        ],
      ),
      py.def("second", ["order"], [py.pass()]),
    ]),
    expected: `@workflow("Tag VIP orders", note="Adds a tag")
@trigger(shopify.admin.order_created)
def first():
    pass


def second(order):
    pass
`,
  },
  {
    name: "a long call keeps its arguments on one indented line when they fit",
    module: py.module([
      workflowDef([
        py.expr(
          call(
            "shopify.add_order_tags",
            [],
            [
              kw("order_id", d("order.id")),
              kw("tags", py.list([s("vip"), s("repeat-customer")])),
              kw("note", s("tagged by flow")),
            ],
          ),
        ),
      ]),
    ]),
    expected: `def workflow(order):
    shopify.add_order_tags(
        order_id=order.id, tags=["vip", "repeat-customer"], note="tagged by flow"
    )
`,
  },
  {
    name: "arguments that do not fit go one per line with a trailing comma",
    module: py.module([
      workflowDef([
        py.expr(
          call(
            "shopify.send_internal_email",
            [],
            [
              kw("recipients", py.list([s("ops@example.com")])),
              kw("subject", s("Order {{ order.name }} needs attention")),
              kw(
                "body",
                s("Customer {{ order.customer.email }} placed a large order"),
              ),
            ],
          ),
        ),
      ]),
    ]),
    expected: `def workflow(order):
    shopify.send_internal_email(
        recipients=["ops@example.com"],
        subject="Order {{ order.name }} needs attention",
        body="Customer {{ order.customer.email }} placed a large order",
    )
`,
  },
  {
    name: "nested collections explode recursively",
    module: py.module([
      workflowDef([
        py.expr(
          call(
            "patched_field",
            [s("metafields")],
            [
              kw(
                "value",
                py.dict(
                  [s("namespace"), s("key"), s("values")],
                  [
                    s("custom_namespace_for_flow"),
                    s("loyalty_points_balance"),
                    py.list([
                      py.num("1"),
                      py.num("2.50"),
                      py.bool(true),
                      py.none(),
                      s("a fairly long string value"),
                    ]),
                  ],
                ),
              ),
            ],
          ),
        ),
      ]),
    ]),
    expected: `def workflow(order):
    patched_field(
        "metafields",
        value={
            "namespace": "custom_namespace_for_flow",
            "key": "loyalty_points_balance",
            "values": [1, 2.50, True, None, "a fairly long string value"],
        },
    )
`,
  },
  {
    name: "a long if condition splits at and/or inside invisible parentheses",
    module: py.module([
      workflowDef([
        py.if(
          py.boolOp("And", [
            py.compare(d("order.customer.email"), "IsNot", py.none()),
            py.compare(d("order.total_price"), "GtE", py.num("100")),
            py.unary(
              "Not",
              py.call(py.name("any"), [
                py.genexp(
                  py.compare(py.name("t"), "Eq", s("wholesale")),
                  py.name("t"),
                  d("order.tags"),
                ),
              ]),
            ),
          ]),
          [py.pass()],
        ),
      ]),
    ]),
    expected: `def workflow(order):
    if (
        order.customer.email is not None
        and order.total_price >= 100
        and not any(t == "wholesale" for t in order.tags)
    ):
        pass
`,
  },
  {
    name: "mixed and/or keeps the required parentheses and splits at the outer operator",
    module: py.module([
      workflowDef([
        py.if(
          py.boolOp("And", [
            py.boolOp("Or", [
              py.call(d("order.name.startswith"), [s("#B2B")]),
              py.compare(s("wholesale"), "In", d("order.customer.tags")),
            ]),
            py.compare(
              d("order.shipping_address.country_code"),
              "In",
              py.list([s("US"), s("CA")]),
            ),
          ]),
          [py.pass()],
          [
            py.if(
              py.compare(
                d("order.shipping_address.country_code"),
                "NotIn",
                call("settings.allowed.split", [s(",")]),
              ),
              [py.pass()],
              [py.pass()],
            ),
          ],
        ),
      ]),
    ]),
    expected: `def workflow(order):
    if (
        order.name.startswith("#B2B") or "wholesale" in order.customer.tags
    ) and order.shipping_address.country_code in ["US", "CA"]:
        pass
    elif order.shipping_address.country_code not in settings.allowed.split(","):
        pass
    else:
        pass
`,
  },
  {
    name: "a condition that is one long call splits inside the call, without parentheses",
    module: py.module([
      workflowDef([
        py.if(
          py.call(py.name("any"), [
            py.genexp(
              py.boolOp("And", [
                py.compare(
                  d("line_item.product.vendor"),
                  "Eq",
                  s("Acme Corporation"),
                ),
                py.compare(d("line_item.quantity"), "Gt", py.num("10")),
              ]),
              py.name("line_item"),
              d("order.line_items"),
            ),
          ]),
          [py.pass()],
        ),
      ]),
    ]),
    expected: `def workflow(order):
    if any(
        line_item.product.vendor == "Acme Corporation" and line_item.quantity > 10
        for line_item in order.line_items
    ):
        pass
`,
  },
  {
    name: "a generator splits before for and if",
    module: py.module([
      workflowDef([
        py.assign(
          py.name("matching_line_items_count"),
          py.call(py.name("sum"), [
            py.genexp(
              py.num("1"),
              py.name("line_item"),
              d("order.line_items"),
              [
                py.compare(
                  d("line_item.product.product_type"),
                  "Eq",
                  s("Gift Card"),
                ),
              ],
            ),
          ]),
        ),
      ]),
    ]),
    expected: `def workflow(order):
    matching_line_items_count = sum(
        1
        for line_item in order.line_items
        if line_item.product.product_type == "Gift Card"
    )
`,
  },
  {
    name: "for and with headers",
    module: py.module([
      workflowDef([
        py.for(py.name("line_item"), d("order.line_items"), [
          py.with(
            [
              {
                context_expr: call(
                  "branch",
                  [],
                  [kw("label", s("each line item"))],
                ),
              },
            ],
            [
              py.expr(
                call(
                  "shopify.add_product_tags",
                  [],
                  [
                    kw("product_id", d("line_item.product.id")),
                    kw("tags", py.list([s("ordered")])),
                  ],
                ),
              ),
            ],
          ),
        ]),
      ]),
    ]),
    expected: `def workflow(order):
    for line_item in order.line_items:
        with branch(label="each line item"):
            shopify.add_product_tags(product_id=line_item.product.id, tags=["ordered"])
`,
  },
  {
    name: "a long for iterable is split at its last bracket",
    module: py.module([
      workflowDef([
        py.for(
          py.name("variant"),
          call(
            "shopify.product_variants_for_collection",
            [d("order.line_items.first.product.collection_handle")],
            [kw("first", py.num("250"))],
          ),
          [py.pass()],
        ),
      ]),
    ]),
    expected: `def workflow(order):
    for variant in shopify.product_variants_for_collection(
        order.line_items.first.product.collection_handle, first=250
    ):
        pass
`,
  },
  {
    name: "nested defs get blank lines around them, also before else",
    module: py.module([
      py.def(
        "outer",
        [],
        [
          py.expr(s("Runs the checks.")),
          py.if(
            py.name("enabled"),
            [py.def("inner", [], [py.pass()])],
            [py.def("fallback", [], [py.pass()])],
          ),
          py.assign(py.name("result"), py.num("1")),
        ],
      ),
      py.if(py.name("flag"), [py.def("top", [], [py.pass()])], [py.pass()]),
      py.assign(py.name("after"), py.none()),
    ]),
    expected: `def outer():
    "Runs the checks."
    if enabled:

        def inner():
            pass

    else:

        def fallback():
            pass

    result = 1


if flag:

    def top():
        pass

else:
    pass
after = None
`,
  },
  {
    name: "a multi-line string is triple-quoted and explodes its call",
    module: py.module([
      workflowDef([
        py.expr(
          call(
            "run_code",
            [],
            [
              kw(
                "script",
                s(
                  "export default function main(input) {\n  return { ok: true };\n}\n",
                ),
              ),
              kw("timeout", py.num("5")),
            ],
          ),
        ),
      ]),
    ]),
    expected: `def workflow(order):
    run_code(
        script="""export default function main(input) {
  return { ok: true };
}
""",
        timeout=5,
    )
`,
  },
  {
    name: "assignment of a long call and of an unsplittable string",
    module: py.module([
      workflowDef([
        py.assign(
          py.name("customer_lifetime_value"),
          call(
            "shopify.customer_metrics",
            [d("order.customer.id")],
            [kw("window_days", py.num("365"))],
          ),
        ),
        py.assign(
          py.name("message"),
          s(
            "This sentence is long enough that it cannot fit on a single line even without any indentation at all.",
          ),
        ),
      ]),
    ]),
    expected: `def workflow(order):
    customer_lifetime_value = shopify.customer_metrics(
        order.customer.id, window_days=365
    )
    message = "This sentence is long enough that it cannot fit on a single line even without any indentation at all."
`,
  },
  {
    name: "a single long parameter list of a def",
    module: py.module([
      py.def(
        "handle_order_with_an_extremely_descriptive_name",
        ["order_identifier", "customer_identifier", "shop"],
        [py.pass()],
      ),
      py.def(
        "handle_order_with_an_even_longer_and_more_extremely_descriptive_function_name",
        ["order"],
        [py.pass()],
      ),
    ]),
    expected: `def handle_order_with_an_extremely_descriptive_name(
    order_identifier, customer_identifier, shop
):
    pass


def handle_order_with_an_even_longer_and_more_extremely_descriptive_function_name(
    order,
):
    pass
`,
  },
  {
    name: "docstring-position strings stay single-line and unstripped",
    module: py.module([
      py.def(
        "f",
        [],
        [py.expr(s(" padded ")), py.expr(s("line one\nline two"))],
      ),
      py.def("g", [], [py.expr(s(""))]),
      py.def("h", [], [py.expr(s(`'a' "b"`))]),
    ]),
    expected: `def f():
    "\\x20padded\\x20"
    """line one
line two"""


def g():
    """"""


def h():
    "'a' \\"b\\x22"
`,
  },
];
