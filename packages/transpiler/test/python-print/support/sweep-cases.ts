import { py } from "../../../src/python/ast/builders.js";
import type { Module, Stmt } from "../../../src/python/ast/nodes.js";

/**
 * Deterministic templates of the dialect's statements, each printed with one name of every
 * length from 1 to 90 and at several indentation depths, so every line crosses the 88-column
 * limit at every position: that is where black's split choices change.
 */
const d = py.dotted;
const s = py.str;
const kw = py.keyword;
const n = py.name;

type Template = (name: string) => Stmt;

const templates: readonly Template[] = [
  (v) =>
    py.expr(
      py.call(
        d("shopify.add_order_tags"),
        [],
        [kw("order_id", d("order.id")), kw("tags", py.list([s(v), s("vip")]))],
      ),
    ),
  (v) =>
    py.assign(
      n(v),
      py.call(
        d("shopify.lookup"),
        [d("order.customer.id")],
        [kw("window", py.num("30"))],
      ),
    ),
  (v) =>
    py.assign(
      n("result"),
      py.call(n(v), [py.call(n("g"), [py.call(n("h"), [n("x"), n("y")])])]),
    ),
  (v) => py.assign(n("tags"), py.list([s(v), s("second tag"), s("third")])),
  (v) =>
    py.assign(
      n("payload"),
      py.dict(
        [s("key"), s("value")],
        [s(v), py.list([py.num("1"), py.num("2")])],
      ),
    ),
  (v) => py.assign(n("x"), s(v)),
  (v) =>
    py.assign(
      n(v),
      py.boolOp("And", [
        d("order.customer.accepts_marketing"),
        py.compare(d("order.total_price"), "Gt", py.num("100")),
      ]),
    ),
  (v) =>
    py.if(
      py.boolOp("And", [
        py.compare(d(`order.${v}`), "IsNot", py.none()),
        py.call(d("p.startswith"), [s("x")]),
      ]),
      [py.pass()],
    ),
  (v) =>
    py.if(
      py.call(n("any"), [
        py.genexp(py.compare(n("t"), "Eq", s(v)), n("t"), d("order.tags")),
      ]),
      [py.pass()],
    ),
  (v) =>
    py.if(
      py.unary(
        "Not",
        py.call(n("any"), [
          py.genexp(py.compare(n("t"), "Eq", s(v)), n("t"), d("order.tags")),
        ]),
      ),
      [py.pass()],
    ),
  (v) =>
    py.if(
      py.compare(
        d("order.shipping_address.country_code"),
        "In",
        py.list([s(v), s("CA")]),
      ),
      [py.pass()],
    ),
  (v) =>
    py.if(py.compare(n(v), "NotIn", py.call(d("q.split"), [s(",")])), [
      py.pass(),
    ]),
  (v) =>
    py.if(
      py.boolOp("Or", [
        py.boolOp("And", [n("a"), n(v)]),
        py.unary("Not", py.boolOp("Or", [n("b"), n("c")])),
      ]),
      [py.pass()],
      [py.pass()],
    ),
  (v) =>
    py.if(
      py.call(
        d(`order.${v}.matches`),
        [s("pattern")],
        [kw("flags", py.num("0"))],
      ),
      [py.pass()],
      [py.if(n("b"), [py.pass()])],
    ),
  (v) =>
    py.for(
      n("item"),
      py.call(d(`order.${v}`), [], [kw("first", py.num("250"))]),
      [py.pass()],
    ),
  (v) =>
    py.for(n(v), d("order.line_items.edges.node.product.variants"), [
      py.pass(),
    ]),
  (v) =>
    py.with(
      [{ context_expr: py.call(n("branch"), [], [kw("label", s(v))]) }],
      [py.pass()],
    ),
  (v) =>
    py.with(
      [
        {
          context_expr: py.call(n("open_resource"), [s(v)]),
          optional_vars: n("resource"),
        },
        { context_expr: n("other") },
      ],
      [py.pass()],
    ),
  (v) =>
    py.expr(
      py.call(
        py.attr(
          py.call(py.attr(py.call(d("session.query"), [n(v)]), "filter"), [
            n("cond"),
          ]),
          "all",
        ),
      ),
    ),
  (v) =>
    py.expr(
      py.compare(py.call(n("len"), [d(`order.${v}`)]), "Lt", py.num("10")),
    ),
  (v) =>
    py.def(
      v,
      ["order", "customer"],
      [py.pass()],
      [py.call(n("workflow"), [s("Name")], [kw("note", s("note"))])],
    ),
  (v) => py.def("f", [], [py.expr(s(v))]),
  (v) =>
    py.expr(
      py.call(
        n("run_code"),
        [],
        [kw("script", s(`line one ${v}\nline two`)), kw("n", py.num("1"))],
      ),
    ),
  (v) =>
    py.assign(
      n("total"),
      py.call(n("sum"), [
        py.genexp(d("li.quantity"), n("li"), d("order.line_items"), [
          py.compare(d("li.sku"), "Eq", s(v)),
        ]),
      ]),
    ),
  (v) =>
    py.expr(
      py.call(d(v), [
        py.unary("USub", py.num("1")),
        py.tuple([n("a")]),
        py.tuple([]),
        py.dict([], []),
      ]),
    ),
];

/** Wraps a statement `depth` levels deep (def, then ifs), the way dialect bodies nest. */
function nest(stmt: Stmt, depth: number): Stmt[] {
  let body: Stmt[] = [stmt];
  for (let i = depth; i > 0; i--)
    body =
      i === 1
        ? [py.def("workflow", ["order"], body)]
        : [py.if(n("cond"), body)];
  return body;
}

function nameOfLength(length: number): string {
  const base = "vendor_name_";
  let out = "";
  while (out.length < length) out += base;
  return out.slice(0, length).replace(/_$/, "x");
}

export function sweepModules(): Module[] {
  const modules: Module[] = [];
  for (const template of templates) {
    for (const depth of [0, 1, 3]) {
      const body: Stmt[] = [];
      for (let length = 1; length <= 90; length++)
        body.push(...nest(template(nameOfLength(length)), depth));
      modules.push(py.module(body));
    }
  }
  return modules;
}
