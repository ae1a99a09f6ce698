/**
 * fast-check arbitraries for whole Flow documents: every task type, every graph shape the
 * SPEC allows (chains, fan-out, both/one/no branches, nested loops and conditions, merges,
 * disconnected steps, several or no triggers), every config value encoding, both condition
 * encodings, hostile strings, both id kinds, optional/nullable keys, unknown extra keys,
 * permuted key orders and the three on-disk forms. Built from combinators (no filters on
 * whole documents) so shrinking stays useful.
 */
import { createHash } from "node:crypto";
import fc from "fast-check";
import type { Condition } from "../../src/dialects/flow/condition/condition-ast.js";
import { printConditionDsl } from "../../src/dialects/flow/condition/print-dsl.js";
import { encodeConditionTree } from "../../src/dialects/flow/condition/tree.js";
import { isPythonKeyword } from "../../src/python/ast/identifiers.js";
import { conditionArb, idSource } from "../flow-condition/arbitraries.js";

export const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

/** Strings that break naive printers: quotes, backslashes, newlines, `"""`, Liquid, unicode, keywords. */
export const hostileStringArb: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "grapheme", maxLength: 10 }),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.constantFrom(
    "",
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "a\\nb",
    "line1\nline2\n",
    "tab\there",
    "\r\n",
    "{{ order.name }}",
    '{{ "now" | date_minus: "7 days" }}',
    "{% if order.note %}{{ order.note | upcase }}{% endif %}",
    'It\'s "quoted"',
    "class",
    "from",
    "None",
    "True",
    "日本語 ✓ 🎉",
    "\u2028\u2029",
    "\u0000\u007f",
    "\ud800",
    "x".repeat(120),
    'ends with quote"',
    'multi\nline "with" quotes\\',
  ),
);

const identifier = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,9}$/);
const fieldIdArb = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "from",
      "class",
      "from_",
      "if",
      "x-api-key",
      "1st",
      "_private",
      "True",
    ),
  },
);

const taskIdArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.constantFrom(
      "shopify::admin::add_order_tags",
      "shopify::flow::send_email",
      "shopify::admin::add_customer_tags",
      "shopify::flow::send_http_request",
      "shopify::flow::log_output",
      "shopify::admin::admin_api_operation",
      "shopify::flow::run_code",
      "shopify::flow::fetch::orders",
      "shopify::flow::count",
      "shopify::admin::add_product_metafield",
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "flow-connectors::slack::send_message",
      "acme::custom::do_thing",
      "shopify::admin::class",
      "weird task id",
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .array(identifier, { minLength: 1, maxLength: 4 })
      .map((s) => s.join("::")),
  },
);
const triggerIdArb = fc.constantFrom(
  "shopify::admin::order_created",
  "shopify::admin::product_status_updated",
  "shopify::flow::scheduled_time",
  "shopify::admin::customer_created",
  "acme::custom::event",
);

/** Spellings of JSON held in a config string: compact, Python json.dumps, pretty. */
function encodeJsonText(value: unknown, style: number): string {
  if (style === 0) return JSON.stringify(value);
  if (style === 1) return JSON.stringify(value, null, 2);
  return JSON.stringify(value).replace(/","/g, '", "').replace(/":"/g, '": "');
}

const jsonScalar = fc.oneof(
  hostileStringArb,
  fc.integer({ min: -1000, max: 100000 }),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
);
const jsonValueArb: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>(
  (tie) => ({
    v: fc.oneof(
      { maxDepth: 3, depthIdentifier: "json" },
      jsonScalar,
      fc.array(tie("v"), { maxLength: 3 }),
      fc.dictionary(fc.oneof(identifier, hostileStringArb), tie("v"), {
        maxKeys: 3,
      }),
    ),
  }),
).v;

export const configValueArb: fc.Arbitrary<string> = fc.oneof(
  hostileStringArb,
  fc.constantFrom(
    "order.lineItems",
    "POST",
    "https://api.example.com/x?token=abc",
    "true",
    "false",
    "500",
    "10.00",
    "-3",
    "0",
    "null",
    "1e5",
    " [1] ",
    "[]",
    "{}",
    '"quoted json string"',
  ),
  fc
    .tuple(fc.array(hostileStringArb, { maxLength: 4 }), fc.nat(2))
    .map(([tags, s]) => encodeJsonText(tags, s)),
  fc
    .tuple(
      fc.constantFrom(
        "order.id",
        "draftOrder.id",
        "lineItemsForeachitem.product.id",
        "customer.class",
      ),
      fc.nat(2),
    )
    .map(([p, s]) =>
      encodeJsonText({ value: `{{ ${p} }}`, default_value: "" }, s),
    ),
  fc
    .tuple(
      fc.constantFrom("", "product.id"),
      fc.constantFrom("", "{{ order.customer.id }}"),
    )
    .map(([d, v]) => JSON.stringify({ value: v, default_value: d })),
  fc
    .array(fc.tuple(hostileStringArb, hostileStringArb), { maxLength: 3 })
    .map((pairs) => JSON.stringify(pairs)),
  fc.constant(
    '["DTSTART;TZID=Europe/Berlin:20300105T080000\\nRRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;WKST=MO"]',
  ),
  fc
    .tuple(identifier, jsonValueArb, fc.nat(2), fc.boolean())
    .map(([name, blob, s, liquid]) =>
      JSON.stringify({
        name,
        blob: liquid
          ? `{\n  "input": {{ runCode.value }}\n}\n`
          : encodeJsonText(blob, s),
      }),
    ),
  fc.tuple(jsonValueArb, fc.nat(2)).map(([v, s]) => encodeJsonText(v, s)),
);

type Json = unknown;
type Entry = [string, Json];

/** An object whose keys may be permuted and may carry unknown extra keys. */
function objectArb(
  entries: fc.Arbitrary<Entry[]>,
  options: { permute: boolean; extras: boolean },
): fc.Arbitrary<Entry[]> {
  const extra = options.extras
    ? fc.array(
        fc.tuple(
          fc.constantFrom("x_editor_hint", "zz_unknown", "__proto__", "meta"),
          jsonValueArb,
        ),
        { maxLength: 1 },
      )
    : fc.constant([] as Entry[]);
  return fc.tuple(entries, extra, fc.boolean()).chain(([es, ex, permute]) => {
    const all = [...es, ...ex.filter(([k]) => !es.some(([e]) => e === k))];
    return permute && options.permute
      ? fc.shuffledSubarray(all, {
          minLength: all.length,
          maxLength: all.length,
        })
      : fc.constant(all);
  });
}

interface StepShape {
  readonly type: "TRIGGER" | "ACTION" | "CONDITION" | "FOREACH" | "WAIT";
  /** parent step index and port, or none (detached / trigger) */
  readonly parents: readonly { readonly step: number; readonly port: string }[];
}

const PORTS = {
  TRIGGER: ["output"],
  ACTION: ["output"],
  WAIT: ["output"],
  CONDITION: ["true", "false"],
  FOREACH: ["loop_body", "after"],
} as const;

/** A random DAG: each step links from earlier steps only, so there are never cycles. */
const shapeArb: fc.Arbitrary<StepShape[]> = fc
  .tuple(
    fc.constantFrom(0, 1, 1, 1, 1, 2),
    fc.array(
      fc.record({
        type: fc.constantFrom<StepShape["type"]>(
          "ACTION",
          "ACTION",
          "CONDITION",
          "CONDITION",
          "FOREACH",
          "WAIT",
        ),
        parentCount: fc.constantFrom(0, 1, 1, 1, 1, 1, 1, 2),
        picks: fc.array(fc.nat(1000), { minLength: 4, maxLength: 4 }),
      }),
      { maxLength: 12 },
    ),
  )
  .map(([triggers, rest]) => {
    const shapes: StepShape[] = [];
    for (let t = 0; t < triggers; t++)
      shapes.push({ type: "TRIGGER", parents: [] });
    for (const r of rest) {
      const parents: { step: number; port: string }[] = [];
      for (let k = 0; k < r.parentCount && shapes.length > 0; k++) {
        const step = (r.picks[k * 2] ?? 0) % shapes.length;
        const ports = PORTS[shapes[step]?.type ?? "ACTION"];
        parents.push({
          step,
          port: ports[(r.picks[k * 2 + 1] ?? 0) % ports.length] ?? "output",
        });
      }
      shapes.push({ type: r.type, parents });
    }
    return shapes;
  });

const conditionValueArb: fc.Arbitrary<string> = fc
  .tuple(
    conditionArb({ literalLhs: false, maxDepth: 3 }),
    fc.boolean(),
    fc.nat(3),
  )
  .map(([c, tree, s]) => {
    const safe = renameKeywordBinders(c);
    const dsl = printConditionDsl(safe);
    if (!tree && dsl.ok) return dsl.value;
    return encodeJsonText(
      encodeConditionTree(safe, { typeOf: () => undefined, newId: idSource() }),
      s % 2,
    );
  });

function renameKeywordBinders(c: Condition): Condition {
  switch (c.kind) {
    case "Logical":
      return { ...c, operands: c.operands.map(renameKeywordBinders) };
    case "Quantified":
      return {
        ...c,
        binder: isPythonKeyword(c.binder) ? `${c.binder}_item` : c.binder,
        body: renameKeywordBinders(c.body),
      };
    default:
      return c;
  }
}

const nullableText = fc.oneof(
  { weight: 4, arbitrary: fc.constant<string | null | undefined>(undefined) },
  fc.constant(null),
  hostileStringArb,
  fc.constantFrom(
    "Run code",
    "Get unfulfilled orders",
    "Send Admin API request",
    "getOrderData",
    "count",
  ),
);

function stepArb(shape: StepShape, id: Json): fc.Arbitrary<Entry[]> {
  const configList: fc.Arbitrary<Json[]> =
    shape.type === "CONDITION"
      ? conditionValueArb.map((v) => [
          { config_field_id: "condition", value: v },
        ])
      : shape.type === "FOREACH"
        ? fc
            .constantFrom(
              "order.lineItems",
              "getOrderData",
              "order.customer.addresses",
              "order.class",
            )
            .map((v) => [{ config_field_id: "listpath", value: v }])
        : fc
            .uniqueArray(fc.tuple(fieldIdArb, configValueArb), {
              selector: ([k]) => k,
              maxLength: 4,
            })
            .map((list) =>
              list.map(([k, v]) => ({ config_field_id: k, value: v })),
            );
  const taskId =
    shape.type === "TRIGGER"
      ? triggerIdArb
      : shape.type === "CONDITION"
        ? fc.constant("shopify::flow::condition")
        : shape.type === "FOREACH"
          ? fc.constant("shopify::flow::foreach")
          : shape.type === "WAIT"
            ? fc.constant("shopify::flow::wait")
            : taskIdArb;
  return objectArb(
    fc
      .tuple(
        taskId,
        fc.constantFrom("0.1", "0.1", "1.0"),
        configList,
        nullableText,
        nullableText,
        nullableText,
        fc.option(
          fc.tuple(
            fc.integer({ min: -2000, max: 4000 }),
            fc.integer({ min: 0, max: 4000 }),
          ),
          { nil: undefined },
        ),
      )
      .map(([task, version, cfg, description, note, name, position]) => {
        const es: Entry[] = [["step_id", id]];
        if (position !== undefined) es.push(["step_position", position]);
        es.push(
          ["task_id", task],
          ["task_version", version],
          ["task_type", shape.type],
          ["config_field_values", cfg],
        );
        if (description !== undefined) es.push(["description", description]);
        if (note !== undefined) es.push(["note", note]);
        if (name !== undefined) es.push(["name", name]);
        return es;
      }),
    { permute: true, extras: true },
  );
}

const idKindArb = fc.constantFrom("int", "uuid", "ulid");

function makeId(kind: string, i: number, salt: number): Json {
  if (kind === "int") return i + 1;
  const hex = createHash("sha256").update(`${salt}:${i}`).digest("hex");
  if (kind === "uuid")
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return `01${hex.slice(0, 24).toUpperCase()}`;
}

export interface GeneratedWorkflow {
  readonly text: string;
  readonly form: "agent" | "compact" | "iac" | "export";
}

export const workflowDocumentArb: fc.Arbitrary<GeneratedWorkflow> = fc
  .tuple(shapeArb, idKindArb, fc.nat(1_000_000))
  .chain(([shapes, idKind, salt]) => {
    const ids = shapes.map((_, i) => makeId(idKind, i, salt));
    const links: Entry[][] = [];
    shapes.forEach((s, i) => {
      for (const p of s.parents) {
        links.push([
          ["from_step_id", ids[p.step]],
          ["from_port_id", p.port],
          ["to_step_id", ids[i]],
          ["to_port_id", "input"],
        ]);
      }
    });
    const patched = fc.array(
      fc
        .tuple(
          fc.boolean(),
          identifier,
          identifier,
          fc.constantFrom("CUSTOMER", "Order", "PRODUCT"),
        )
        .map(([exportForm, key, handle, type]) =>
          exportForm
            ? [
                ["id", "0bd0b560-d597-11ef-8049-23f959e660cb"],
                ["handle", handle],
                ["field", "metafield"],
                ["patched_type", type],
                ["arguments", JSON.stringify({ key, namespace: "custom" })],
                ["merchant_configured", true],
              ]
            : [
                ["field", "metafield"],
                ["arguments", { namespace: "custom", key }],
                ["handle", handle],
                ["patched_type", type],
                ["merchant_configured", true],
              ],
        ),
      { maxLength: 2 },
    );
    return fc.tuple(
      fc.tuple(...shapes.map((s, i) => stepArb(s, ids[i]))),
      fc.shuffledSubarray(links, {
        minLength: links.length,
        maxLength: links.length,
      }),
      fc.shuffledSubarray(
        shapes.map((_, i) => i),
        { minLength: shapes.length, maxLength: shapes.length },
      ),
      hostileStringArb,
      fc.option(hostileStringArb, { nil: undefined }),
      patched,
      fc.boolean(),
      fc.constantFrom<GeneratedWorkflow["form"]>(
        "agent",
        "compact",
        "iac",
        "export",
      ),
    );
  })
  .chain(([steps, links, stepOrder, name, note, patched, exportKeys, form]) => {
    const root: Entry[] = exportKeys
      ? [
          ["steps", stepOrder.map((i) => steps[i])],
          ["links", links],
          ["patched_fields", patched],
          ["variables", []],
          ["note", note ?? null],
          ["vertical_layout_enabled", true],
          ["workflow_name", name],
        ]
      : [
          ["workflow_name", name],
          ["steps", stepOrder.map((i) => steps[i])],
          ["links", links],
          ["patched_fields", patched],
          ...(note === undefined ? [] : [["note", note] as Entry]),
        ];
    return objectArb(fc.constant(root), { permute: true, extras: true }).map(
      (r) => ({ root: r, form }),
    );
  })
  .map(({ root, form }) => {
    const doc: Entry[] = [
      ["__metadata", [["version", 0.1]]],
      ["root", root],
    ];
    const text = render(doc, form);
    return { text, form };
  });

/** Entry lists render as objects (keys in the given order); plain values as JSON. */
function toJs(v: Json): unknown {
  if (
    Array.isArray(v) &&
    v.every(
      (e) => Array.isArray(e) && e.length === 2 && typeof e[0] === "string",
    ) &&
    v.length > 0 &&
    isEntryList(v)
  ) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v as Entry[])
      Object.defineProperty(o, k, {
        value: toJs(x),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    return o;
  }
  if (Array.isArray(v)) return v.map(toJs);
  return v;
}

// Entry lists are tagged by construction: only these containers hold [key, value] pairs.
const entryLists = new WeakSet<object>();
function isEntryList(v: unknown[]): boolean {
  return entryLists.has(v);
}

function tag(v: Json): Json {
  if (Array.isArray(v)) {
    const mapped = v.map(tag);
    if (
      v.length > 0 &&
      v.every(
        (e) => Array.isArray(e) && e.length === 2 && typeof e[0] === "string",
      )
    )
      entryLists.add(mapped);
    return mapped;
  }
  return v;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === "object") {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort())
      Object.defineProperty(o, k, {
        value: sortKeys((v as Record<string, unknown>)[k]),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    return o;
  }
  return v;
}

function render(doc: Entry[], form: GeneratedWorkflow["form"]): string {
  const js = toJs(tag(doc));
  switch (form) {
    case "agent":
      return JSON.stringify(js, null, 2);
    case "compact":
      return JSON.stringify(js);
    case "iac":
      return `${JSON.stringify(sortKeys(js), null, 2)}\n`;
    case "export": {
      const body = JSON.stringify(js);
      return `${createHash("sha256").update(body).digest("hex")}:${body}`;
    }
  }
}
