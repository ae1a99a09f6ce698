import type { Comparison, Condition, Operand, Unary } from "@flowpy/transpiler";
import { assertNever } from "@flowpy/transpiler";
import { pathType, usageAt } from "./path-types.js";
import {
  EMPTY_OBJECT,
  mergePatches,
  type Patch,
  type PatchNode,
} from "./patch.js";
import type { SimValue } from "./sim-value.js";
import type { ScalarKind } from "./type-universe.js";
import { formatDate } from "./value-arbitrary.js";
import type { WorkflowPlan } from "./workflow-plan.js";

/**
 * Witnesses: partial events that make a condition come out true or false. Comparisons get
 * the boundary values around their literal (the literal itself, its neighbours, another
 * case, null); quantifiers get lists where exactly one, none or all items match.
 * Alternatives are listed most telling first and capped, so a caller can try a few.
 */
export interface WitnessScope {
  readonly plan: WorkflowPlan;
  /** ForEach item variables → the absolute list path they iterate. */
  readonly aliases: ReadonlyMap<string, readonly string[]>;
  /** Quantifier binders in scope → the absolute list path (patches keep the binder as root). */
  readonly binders: ReadonlyMap<string, readonly string[]>;
}

const MAX_ALTERNATIVES = 6;
const SECOND = 1000;

export function witnesses(
  c: Condition,
  want: boolean,
  scope: WitnessScope,
): Patch[] {
  switch (c.kind) {
    case "Logical": {
      const all = (c.op === "AND") === want;
      if (all) return product(c.operands.map((o) => witnesses(o, want, scope)));
      // One operand decides (false in an AND, true in an OR) while the others hold the
      // other way, so each event shows that operand mattering; operands take turns.
      const perOperand = c.operands.map((o, i) => {
        const own = witnesses(o, want, scope);
        const others = product(
          c.operands
            .filter((_, j) => j !== i)
            .map((x) => witnesses(x, !want, scope)),
        );
        return own.map(
          (w) =>
            others
              .map((rest) => mergePatches(w, rest))
              .find((m): m is Patch => m !== undefined) ?? w,
        );
      });
      const out: Patch[] = [];
      for (let k = 0; out.length < MAX_ALTERNATIVES; k++) {
        const row = perOperand
          .map((alts) => alts[k])
          .filter((w): w is Patch => w !== undefined);
        if (row.length === 0) break;
        out.push(...row.slice(0, MAX_ALTERNATIVES - out.length));
      }
      return out;
    }
    case "Comparison":
      return comparisonWitnesses(c, want, scope);
    case "Unary":
      return unaryWitnesses(c, want, scope);
    case "Quantified": {
      const inner: WitnessScope = {
        ...scope,
        binders: new Map(scope.binders).set(c.binder, absolute(c.path, scope)),
      };
      const split = (w: Patch): { item: PatchNode; outer: Patch } => {
        const outer = new Map(w);
        outer.delete(c.binder);
        return { item: w.get(c.binder) ?? EMPTY_OBJECT, outer };
      };
      const yes = witnesses(c.body, true, inner).map(split);
      const no = witnesses(c.body, false, inner).map(split);
      const t0 = yes[0];
      const f0 = no[0];
      const shapes: (readonly (typeof yes)[number][])[] = [];
      const add = (...items: ((typeof yes)[number] | undefined)[]): void => {
        if (items.every((i) => i !== undefined))
          shapes.push(items as (typeof yes)[number][]);
      };
      const q = c.quantifier;
      if ((q === "any" && want) || (q === "none" && !want)) {
        add(t0);
        add(t0, f0);
        add(f0, t0);
        add(yes[1]);
      } else if ((q === "any" && !want) || (q === "none" && want)) {
        add();
        add(f0);
        add(f0, no[1] ?? f0);
      } else if (want) {
        add(t0);
        add();
        add(t0, yes[1] ?? t0);
      } else {
        add(f0);
        add(t0, f0);
        add(no[1]);
      }
      const out: Patch[] = [];
      for (const shape of shapes) {
        let outer: Patch | undefined = new Map();
        for (const s of shape) outer = outer && mergePatches(outer, s.outer);
        if (outer === undefined) continue;
        const list: PatchNode = {
          kind: "list",
          items: shape.map((s) => s.item),
        };
        const placed = mergePatches(outer, place(c.path, list, scope));
        if (placed !== undefined) out.push(placed);
      }
      return out;
    }
    default:
      return assertNever(c, "condition");
  }
}

/** Every consistent combination of one alternative per part, capped. */
function product(parts: readonly Patch[][]): Patch[] {
  let acc: Patch[] = [new Map()];
  for (const alternatives of parts) {
    const next: Patch[] = [];
    for (const a of acc)
      for (const w of alternatives) {
        const m = mergePatches(a, w);
        if (m !== undefined && next.length < MAX_ALTERNATIVES) next.push(m);
      }
    acc = next;
  }
  return acc;
}

/** The path with ForEach item variables and binders replaced by their absolute list path. */
function absolute(path: string, scope: WitnessScope): readonly string[] {
  const [root = "", ...rest] = path.split(".");
  const base = scope.binders.get(root) ?? scope.aliases.get(root);
  return base === undefined ? [root, ...rest] : [...base, ...rest];
}

/** A patch fixing `node` at `path` (binder paths stay rooted at their binder). */
function place(path: string, node: PatchNode, scope: WitnessScope): Patch {
  const [root = "", ...rest] = path.split(".");
  const binder = scope.binders.get(root);
  const alias = scope.aliases.get(root);
  const segments =
    binder !== undefined || alias === undefined
      ? [root, ...rest]
      : [...alias, ...rest];
  const typingBase = binder ?? [segments[0] ?? ""];
  const typing = (n: number): readonly string[] => [
    ...typingBase,
    ...segments.slice(1, n),
  ];
  let current = node;
  for (let i = segments.length - 1; i >= 1; i--) {
    current = {
      kind: "object",
      fields: new Map([[segments[i] ?? "", current]]),
    };
    // A binder is one item already; only lists below it add a level.
    const itemRoot = binder !== undefined && i === 1;
    if (!itemRoot && pathType(scope.plan, typing(i)).list)
      current = { kind: "list", items: [current] };
  }
  return new Map([[segments[0] ?? "", current]]);
}

function kindAt(
  path: string,
  scope: WitnessScope,
): ScalarKind | "enum" | undefined {
  const type = pathType(scope.plan, absolute(path, scope)).type;
  if (type === undefined) return undefined;
  const shape = scope.plan.types.shape(type.name);
  return shape.kind === "scalar"
    ? shape.scalar
    : shape.kind === "enum"
      ? "enum"
      : undefined;
}

const NEGATED: Readonly<Record<string, string>> = {
  "!=": "==",
  "not_start_with?": "start_with?",
  "not_end_with?": "end_with?",
  "not_include?": "include?",
  "not_in?": "in?",
};

const MIRROR: Readonly<Record<string, string>> = {
  ">": "<",
  "<": ">",
  ">=": "<=",
  "<=": ">=",
};

function comparisonWitnesses(
  c: Comparison,
  want: boolean,
  scope: WitnessScope,
): Patch[] {
  const positive = NEGATED[c.op];
  const op = positive ?? c.op;
  const target = positive === undefined ? want : !want;
  const { lhs, rhs } = c;
  if (lhs.kind === "Path" && rhs.kind === "Literal")
    return valuesFor(op, rhs, target, kindAt(lhs.path, scope)).map((v) =>
      place(lhs.path, leaf(v), scope),
    );
  if (lhs.kind === "Literal" && rhs.kind === "Path") {
    const mirrored = MIRROR[op] ?? op;
    if (mirrored !== op || op === "==")
      return valuesFor(mirrored, lhs, target, kindAt(rhs.path, scope)).map(
        (v) => place(rhs.path, leaf(v), scope),
      );
    return [];
  }
  if (lhs.kind === "Path" && rhs.kind === "Path") {
    const kind = kindAt(lhs.path, scope) ?? kindAt(rhs.path, scope);
    // Bases near the literals either side is compared with elsewhere, so the pair can
    // agree with the other tests of the same condition.
    const literals = [lhs.path, rhs.path].flatMap(
      (p) => usageAt(scope.plan, absolute(p, scope))?.literals ?? [],
    );
    const bases = [
      sample(kind),
      ...literals.flatMap((l) => [-1, 0, 1].map((d) => bump(l, kind, d))),
    ];
    const out: Patch[] = [];
    for (const base of bases) {
      const up = bump(base, kind, 1);
      const pairs: [SimValue, SimValue][] = [];
      const eq = op === "==" || op === ">=" || op === "<=";
      if (target) {
        if (eq) pairs.push([base, base]);
        if (op === ">" || op === ">=") pairs.push([up, base]);
        if (op === "<" || op === "<=") pairs.push([base, up]);
      } else {
        if (op === "==") pairs.push([base, up], [null, base]);
        if (op === ">" || op === ">=") pairs.push([base, up]);
        if (op === ">") pairs.push([base, base]);
        if (op === "<" || op === "<=") pairs.push([up, base]);
        if (op === "<") pairs.push([base, base]);
      }
      for (const [l, r] of pairs) {
        const m = mergePatches(
          place(lhs.path, leaf(l), scope),
          place(rhs.path, leaf(r), scope),
        );
        if (m !== undefined && out.length < MAX_ALTERNATIVES) out.push(m);
      }
    }
    return out;
  }
  return [];
}

function unaryWitnesses(c: Unary, want: boolean, scope: WitnessScope): Patch[] {
  const kind = kindAt(c.operand.path, scope);
  const nilOp = c.op === "nil?" || c.op === "not_nil?";
  const positive = c.op === "nil?" || c.op === "empty_or_nil?";
  const target = positive === want;
  const values: SimValue[] = target
    ? nilOp
      ? [null]
      : [null, ""]
    : [sample(kind)];
  return values.map((v) => place(c.operand.path, leaf(v), scope));
}

function leaf(value: SimValue): PatchNode {
  return { kind: "leaf", value };
}

/** Values of the lhs that make `lhs op literal` come out `want` (op is a positive operator). */
function valuesFor(
  op: string,
  literal: Extract<Operand, { kind: "Literal" }>,
  want: boolean,
  kind: ScalarKind | "enum" | undefined,
): SimValue[] {
  if (literal.type === "boolean") {
    const b = literal.text === "true";
    return op === "=="
      ? want
        ? [typed(b, kind)]
        : [typed(!b, kind), null]
      : [];
  }
  const text = literal.text;
  const dateLike =
    literal.type === "string" &&
    !Number.isNaN(Date.parse(text)) &&
    /^\d{4}-\d{2}-\d{2}/.test(text);
  const numeric = literal.type === "number";
  const k: ScalarKind | "enum" | undefined =
    dateLike && kind !== "date" ? "datetime" : kind;
  const base: SimValue = numeric ? Number(text) : dateLike ? text : text;
  const at = (delta: number): SimValue =>
    numeric || dateLike
      ? bump(base, k ?? (numeric ? "float" : "datetime"), delta)
      : base;
  const lit = numeric || dateLike ? at(0) : text;
  switch (op) {
    case "==":
      return want
        ? [
            lit,
            ...(typeof lit === "string" &&
            !dateLike &&
            lit !== lit.toUpperCase()
              ? [lit.toUpperCase()]
              : []),
          ]
        : [numeric || dateLike ? at(1) : `${text}-x`, null];
    case ">":
      return want ? [at(1)] : [lit, at(-1), null];
    case ">=":
      return want ? [lit, at(1)] : [at(-1), null];
    case "<":
      return want ? [at(-1)] : [lit, at(1), null];
    case "<=":
      return want ? [lit, at(-1)] : [at(1), null];
    case "start_with?":
      return want ? [`${text}-x`, text.toUpperCase()] : [`x-${text}`, null];
    case "end_with?":
      return want ? [`x-${text}`] : [`${text}-x`, null];
    case "include?":
      return want ? [`x-${text}-x`] : text === "" ? [null] : ["", null];
    case "in?": {
      const items = text.split(",").map((s) => s.trim());
      const typedItems = items.map((i) =>
        kind === "int" || kind === "float" ? Number(i) : i,
      );
      return want ? typedItems.slice(0, 3) : [`${items[0] ?? ""}-none`, null];
    }
    default:
      return [];
  }
}

function typed(b: boolean, kind: ScalarKind | "enum" | undefined): SimValue {
  return kind === "string" ? String(b) : b;
}

/** A non-null value of the kind (for "not nil" and path-vs-path comparisons). */
function sample(kind: ScalarKind | "enum" | undefined): SimValue {
  switch (kind) {
    case "int":
    case "float":
      return 5;
    case "decimal":
      return "5.00";
    case "uint64":
      return "5";
    case "boolean":
      return true;
    case "datetime":
      return "2024-06-01T10:00:00Z";
    case "date":
      return "2024-06-01";
    case "id":
      return "gid://shopify/Node/1";
    case "enum":
      return "OTHER";
    default:
      return "x";
  }
}

/** `v` moved by `steps` of the kind's smallest meaningful unit (1, a cent, a second, a day). */
function bump(
  v: SimValue,
  kind: ScalarKind | "enum" | undefined,
  steps: number,
): SimValue {
  if (kind === "datetime" || kind === "date") {
    const t =
      typeof v === "string"
        ? Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v)
        : Number.NaN;
    if (Number.isNaN(t)) return v;
    return kind === "date"
      ? formatDate("date", t + steps * 86_400_000)
      : formatDate("datetime", t + steps * SECOND);
  }
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isFinite(n)) return v;
  switch (kind) {
    case "int":
      return Math.round(n) + steps;
    case "uint64":
      return String(Math.max(0, Math.round(n) + steps));
    case "decimal":
      return (n + steps * 0.01).toFixed(2);
    default:
      return Math.round((n + steps * 0.01) * 1e6) / 1e6;
  }
}
