import fc from "fast-check";
import { isRecord, type SimRecord, type SimValue } from "./sim-value.js";
import { pathType, usageAt } from "./path-types.js";
import type { TypeRef } from "./type-universe.js";
import {
  unknownArbitrary,
  valueArbitrary,
  type ArbitraryContext,
} from "./value-arbitrary.js";
import type { WorkflowPlan } from "./workflow-plan.js";

/**
 * A partial event: the values some paths must have for a condition to go one way. Lists
 * are exact (a list node fixes the number of items); objects constrain only the fields
 * they name; leaves fix a value.
 */
export type PatchNode =
  | { readonly kind: "leaf"; readonly value: SimValue }
  | { readonly kind: "object"; readonly fields: ReadonlyMap<string, PatchNode> }
  | { readonly kind: "list"; readonly items: readonly PatchNode[] };

/** Patch nodes by root variable (trigger roots, step outputs, or a binder inside a quantifier). */
export type Patch = ReadonlyMap<string, PatchNode>;

export const EMPTY_OBJECT: PatchNode = { kind: "object", fields: new Map() };

export function mergeNodes(a: PatchNode, b: PatchNode): PatchNode | undefined {
  if (a.kind === "leaf" || b.kind === "leaf") {
    if (a.kind === "leaf" && b.kind === "leaf")
      return sameValue(a.value, b.value) ? a : undefined;
    return undefined;
  }
  if (a.kind === "object" && b.kind === "object") {
    const fields = new Map(a.fields);
    for (const [k, v] of b.fields) {
      const before = fields.get(k);
      const merged = before === undefined ? v : mergeNodes(before, v);
      if (merged === undefined) return undefined;
      fields.set(k, merged);
    }
    return { kind: "object", fields };
  }
  if (a.kind === "list" && b.kind === "list") {
    const items: PatchNode[] = [];
    for (let i = 0; i < Math.max(a.items.length, b.items.length); i++) {
      const x = a.items[i];
      const y = b.items[i];
      const merged =
        x === undefined ? y : y === undefined ? x : mergeNodes(x, y);
      if (merged === undefined) return undefined;
      items.push(merged);
    }
    return { kind: "list", items };
  }
  return undefined;
}

function sameValue(a: SimValue, b: SimValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function mergePatches(a: Patch, b: Patch): Patch | undefined {
  const out = new Map(a);
  for (const [root, node] of b) {
    const before = out.get(root);
    const merged = before === undefined ? node : mergeNodes(before, node);
    if (merged === undefined) return undefined;
    out.set(root, merged);
  }
  return out;
}

/**
 * A patch holding `node` at an absolute path. Every list crossed on the way (by the
 * catalog's types or the workflow's usage) gets exactly one item, so a path through
 * `order.lineItems` constrains the first line item.
 */
export function patchAt(
  plan: WorkflowPlan,
  segments: readonly string[],
  node: PatchNode,
): Patch {
  let current = node;
  for (let i = segments.length - 1; i >= 1; i--) {
    current = {
      kind: "object",
      fields: new Map([[segments[i] ?? "", current]]),
    };
    if (pathType(plan, segments.slice(0, i)).list)
      current = { kind: "list", items: [current] };
  }
  return new Map([[segments[0] ?? "", current]]);
}

export interface Materializer {
  readonly plan: WorkflowPlan;
  readonly arbitraries: ArbitraryContext;
  seed: number;
}

/** A fresh value of a type, for list items a patch adds (the seed moves on each time). */
function fresh(m: Materializer, segments: readonly string[]): SimValue {
  const type: TypeRef | undefined = pathType(m.plan, segments).type;
  const usage = usageAt(m.plan, segments);
  const item: TypeRef = { name: type?.name ?? "", list: false };
  const arb =
    m.plan.types.shape(item.name).kind === "unknown"
      ? unknownArbitrary(
          usage,
          m.arbitraries,
          1,
          segments[segments.length - 1] ?? "",
          false,
        )
      : valueArbitrary(item, usage, m.arbitraries, 1);
  m.seed = (m.seed * 1_103_515_245 + 12_345) | 0;
  return fc.sample(arb, { seed: m.seed, numRuns: 1 })[0] ?? null;
}

/** `base` with the patch node applied; `type` is the declared type of the value at `segments`. */
export function applyNode(
  m: Materializer,
  base: SimValue | undefined,
  node: PatchNode,
  segments: readonly string[],
): SimValue {
  switch (node.kind) {
    case "leaf":
      return node.value;
    case "object": {
      const out: Record<string, SimValue> = isRecord(base ?? null)
        ? { ...(base as SimRecord) }
        : {};
      for (const [k, child] of node.fields)
        out[k] = applyNode(m, out[k], child, [...segments, k]);
      return out;
    }
    case "list": {
      const baseItems: readonly SimValue[] = Array.isArray(base)
        ? (base as readonly SimValue[])
        : [];
      return node.items.map((item, i) =>
        applyNode(m, baseItems[i] ?? fresh(m, segments), item, segments),
      );
    }
  }
}
