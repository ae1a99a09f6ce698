import fc from "fast-check";
import type { SimValue } from "./sim-value.js";
import type { ScalarKind, TypeRef, TypeUniverse } from "./type-universe.js";
import type { UsageNode } from "./usage.js";

/**
 * fast-check arbitraries for environment values, built from the catalog's types and the
 * workflow's usage. Objects carry every scalar field of their type (null now and then,
 * except ids), nested objects to a small depth plus whatever path the workflow reads, and
 * lists of 0–3 items. Scalars lean on the literals the workflow compares them with, so
 * random events already land on both sides of many conditions.
 */
export interface ArbitraryContext {
  readonly types: TypeUniverse;
  /** Epoch ms of the simulation's "now"; generated dates fall around it. */
  readonly now: number;
  readonly memo: Map<string, fc.Arbitrary<SimValue>>;
  readonly usageMemo: WeakMap<UsageNode, Map<string, fc.Arbitrary<SimValue>>>;
}

export function createArbitraryContext(
  types: TypeUniverse,
  now: number,
): ArbitraryContext {
  return { types, now, memo: new Map(), usageMemo: new WeakMap() };
}

/** Nested objects the workflow never reads stop at this depth. */
const FREE_DEPTH = 1;
const DAY = 86_400_000;

export function valueArbitrary(
  ref: TypeRef,
  usage: UsageNode | undefined,
  ctx: ArbitraryContext,
  depth = 0,
  owner = "",
  field = "",
): fc.Arbitrary<SimValue> {
  const key = `${ref.name}|${ref.list}|${depth}|${owner}|${field}`;
  let memo = ctx.memo;
  if (usage !== undefined) {
    const forUsage = ctx.usageMemo.get(usage);
    if (forUsage === undefined) ctx.usageMemo.set(usage, (memo = new Map()));
    else memo = forUsage;
  }
  const known = memo.get(key);
  if (known !== undefined) return known;
  const item = itemArbitrary(ref.name, usage, ctx, depth, owner, field);
  const arb: fc.Arbitrary<SimValue> = ref.list
    ? fc.array(item, { maxLength: depth === 0 ? 3 : 2 })
    : item;
  memo.set(key, arb);
  return arb;
}

function itemArbitrary(
  typeName: string,
  usage: UsageNode | undefined,
  ctx: ArbitraryContext,
  depth: number,
  owner: string,
  field: string,
): fc.Arbitrary<SimValue> {
  const shape = ctx.types.shape(typeName);
  switch (shape.kind) {
    case "scalar":
      return scalarArbitrary(shape.scalar, usage, ctx, owner, field);
    case "enum":
      return enumArbitrary(shape.values, usage);
    case "object": {
      const entries: Record<string, fc.Arbitrary<SimValue>> = {};
      for (const f of shape.fields) {
        const child = usage?.children.get(f.name);
        const fieldShape = ctx.types.shape(f.type.name);
        const nested =
          fieldShape.kind === "object" || fieldShape.kind === "unknown";
        if (nested && child === undefined && depth + 1 > FREE_DEPTH) continue;
        if (fieldShape.kind === "unknown" && child === undefined) {
          entries[f.name] = fc.constant(f.type.list ? [] : null);
          continue;
        }
        const arb = valueArbitrary(
          f.type,
          child,
          ctx,
          depth + 1,
          typeName,
          f.name,
        );
        // Ids and lists are never null in the Admin API (an empty list instead).
        entries[f.name] =
          f.type.list || f.type.name === "ID" ? arb : nullable(arb);
      }
      for (const [name, child] of usage?.children ?? []) {
        if (name in entries || shape.fields.some((f) => f.name === name))
          continue;
        entries[name] = nullable(unknownArbitrary(child, ctx, depth + 1, name));
      }
      return fc.record(entries);
    }
    case "unknown":
      // The field's TypeRef already says whether it is a list.
      return unknownArbitrary(usage, ctx, depth, field, false);
  }
}

function nullable(arb: fc.Arbitrary<SimValue>): fc.Arbitrary<SimValue> {
  return fc.option(arb, { freq: 8, nil: null });
}

/** A value the catalog does not describe, shaped by the paths the workflow reads under it. */
export function unknownArbitrary(
  usage: UsageNode | undefined,
  ctx: ArbitraryContext,
  depth: number,
  field: string,
  list = usage?.list === true,
): fc.Arbitrary<SimValue> {
  let one: fc.Arbitrary<SimValue>;
  if (usage !== undefined && usage.children.size > 0) {
    const entries: Record<string, fc.Arbitrary<SimValue>> = {};
    for (const [name, child] of usage.children)
      entries[name] = nullable(unknownArbitrary(child, ctx, depth + 1, name));
    one = fc.record(entries);
  } else {
    one = scalarArbitrary(guessScalar(usage), usage, ctx, "", field);
  }
  return list ? fc.array(one, { maxLength: depth === 0 ? 3 : 2 }) : one;
}

function guessScalar(usage: UsageNode | undefined): ScalarKind {
  const first = usage?.literals[0];
  if (typeof first === "number")
    return Number.isInteger(first) ? "int" : "decimal";
  if (typeof first === "boolean") return "boolean";
  if (typeof first === "string" && /^\d{4}-\d{2}-\d{2}/.test(first))
    return first.length === 10 ? "date" : "datetime";
  return "string";
}

function enumArbitrary(
  values: readonly string[],
  usage: UsageNode | undefined,
): fc.Arbitrary<SimValue> {
  const literals = (usage?.literals ?? []).filter(
    (l): l is string => typeof l === "string",
  );
  const all = [...new Set([...values, ...literals])];
  return all.length === 0 ? fc.constant("OTHER") : fc.constantFrom(...all);
}

const WORDS = [
  "alpha",
  "Blue",
  "wholesale",
  "VIP",
  "gift",
  "north",
  "Summer Sale",
  "café",
  "retail",
  "priority",
];

function scalarArbitrary(
  kind: ScalarKind,
  usage: UsageNode | undefined,
  ctx: ArbitraryContext,
  owner: string,
  field: string,
): fc.Arbitrary<SimValue> {
  const generic = genericScalar(kind, ctx, owner, field);
  const near = (usage?.literals ?? []).flatMap((l) => nearLiterals(kind, l));
  if (near.length === 0) return generic;
  return fc.oneof(
    { arbitrary: fc.constantFrom(...near), weight: 1 },
    { arbitrary: generic, weight: 2 },
  );
}

/** The literal itself and its neighbours: the values that decide a comparison. */
function nearLiterals(kind: ScalarKind, literal: SimValue): SimValue[] {
  const number = typeof literal === "number" ? literal : Number.NaN;
  switch (kind) {
    case "int":
    case "float":
      return Number.isFinite(number) ? [number - 1, number, number + 1] : [];
    case "uint64":
      return Number.isFinite(number)
        ? [number - 1, number, number + 1].filter((n) => n >= 0).map(String)
        : [];
    case "decimal":
      return Number.isFinite(number)
        ? [number - 0.01, number, number + 0.01].map((n) => n.toFixed(2))
        : [];
    case "boolean":
      return typeof literal === "boolean" ? [literal, !literal] : [];
    case "datetime":
    case "date": {
      const t = typeof literal === "string" ? Date.parse(literal) : Number.NaN;
      if (Number.isNaN(t)) return [];
      return [t - DAY, t, t + DAY].map((x) => formatDate(kind, x));
    }
    default:
      if (typeof literal !== "string") return [String(literal)];
      return [literal, literal.toUpperCase(), `${literal}-x`, `x-${literal}`];
  }
}

export function formatDate(kind: "date" | "datetime", epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return kind === "date" ? iso.slice(0, 10) : `${iso.slice(0, 19)}Z`;
}

function genericScalar(
  kind: ScalarKind,
  ctx: ArbitraryContext,
  owner: string,
  field: string,
): fc.Arbitrary<SimValue> {
  switch (kind) {
    case "id":
      return fc
        .integer({ min: 1000, max: 9_999_999 })
        .map((n) => `gid://shopify/${owner || "Node"}/${n}`);
    case "int":
      return fc.integer({ min: 0, max: 200 });
    case "float":
      return fc.integer({ min: 0, max: 100_000 }).map((n) => n / 100);
    case "decimal":
      return fc
        .integer({ min: 0, max: 200_000 })
        .map((n) => (n / 100).toFixed(2));
    case "uint64":
      return fc.integer({ min: 0, max: 500 }).map(String);
    case "boolean":
      return fc.boolean();
    case "datetime":
    case "date":
      return fc
        .integer({ min: -400 * 24, max: 30 * 24 })
        .map((h) => formatDate(kind, ctx.now + h * 3_600_000));
    case "url":
      return fc
        .constantFrom(...WORDS)
        .map(
          (w) => `https://example.com/${encodeURIComponent(w.toLowerCase())}`,
        );
    case "html":
      return fc.constantFrom(...WORDS).map((w) => `<p>${w}</p>`);
    case "string":
      return stringArbitrary(field);
  }
}

function stringArbitrary(field: string): fc.Arbitrary<SimValue> {
  const f = field.toLowerCase();
  const word = fc.constantFrom(...WORDS);
  if (f.includes("email"))
    return fc
      .tuple(word, fc.constantFrom("example.com", "example.org", "shop.test"))
      .map(([w, d]) => `${w.toLowerCase().replace(/\W/g, "")}@${d}`);
  if (f.includes("phone"))
    return fc
      .integer({ min: 1_000_000, max: 9_999_999 })
      .map((n) => `+1555${n}`);
  if (f === "sku")
    return fc
      .tuple(fc.constantFrom("SKU", "GIFT", "BNDL", "PRE"), fc.nat(999))
      .map(([p, n]) => `${p}-${n}`);
  if (f === "zip") return fc.integer({ min: 10000, max: 99999 }).map(String);
  return fc.oneof(
    { arbitrary: word, weight: 3 },
    { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
  );
}
