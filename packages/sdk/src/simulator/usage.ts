import type { Condition } from "@flowpy/transpiler";
import type { SimValue } from "./sim-value.js";

/**
 * How a workflow uses the environment, path by path from each root variable: which paths
 * it reads, which of them are lists, and the literals they are compared with. Values of
 * types the catalog does not describe are shaped from this, and generated values lean on
 * the literals so conditions meet realistic boundary cases.
 */
export interface UsageNode {
  readonly children: Map<string, UsageNode>;
  list: boolean;
  readonly literals: SimValue[];
}

export type Usage = ReadonlyMap<string, UsageNode>;

export function emptyUsageNode(): UsageNode {
  return { children: new Map(), list: false, literals: [] };
}

export interface UsageBuilder {
  readonly usage: Map<string, UsageNode>;
  /** Item variables and binders, each standing for the list path it iterates. */
  readonly aliases: Map<string, readonly string[]>;
}

export function createUsageBuilder(): UsageBuilder {
  return { usage: new Map(), aliases: new Map() };
}

/** A path with item variables and binders replaced by the list they iterate. */
export function absolutePath(
  path: readonly string[],
  aliases: ReadonlyMap<string, readonly string[]>,
): readonly string[] {
  const [root, ...rest] = path;
  if (root === undefined) return path;
  const alias = aliases.get(root);
  return alias === undefined ? path : [...alias, ...rest];
}

export function usageNodeAt(
  builder: UsageBuilder,
  path: readonly string[],
): UsageNode | undefined {
  const abs = absolutePath(path, builder.aliases);
  const [root, ...rest] = abs;
  if (root === undefined || root === "") return undefined;
  let node: UsageNode | undefined = builder.usage.get(root);
  if (node === undefined) builder.usage.set(root, (node = emptyUsageNode()));
  for (const seg of rest) {
    if (seg === "") return undefined;
    let next: UsageNode | undefined = node.children.get(seg);
    if (next === undefined) node.children.set(seg, (next = emptyUsageNode()));
    node = next;
  }
  return node;
}

export function recordConditionUsage(
  builder: UsageBuilder,
  condition: Condition,
): void {
  const visit = (
    c: Condition,
    aliases: Map<string, readonly string[]>,
  ): void => {
    const at = (path: string): UsageNode | undefined =>
      usageNodeAt({ usage: builder.usage, aliases }, path.split("."));
    switch (c.kind) {
      case "Logical":
        c.operands.forEach((o) => visit(o, aliases));
        return;
      case "Unary":
        at(c.operand.path);
        return;
      case "Comparison": {
        const lhs = c.lhs.kind === "Path" ? at(c.lhs.path) : undefined;
        const rhs = c.rhs.kind === "Path" ? at(c.rhs.path) : undefined;
        if (lhs !== undefined && c.rhs.kind === "Literal")
          lhs.literals.push(...literalValues(c.rhs.type, c.rhs.text, c.op));
        if (rhs !== undefined && c.lhs.kind === "Literal")
          rhs.literals.push(...literalValues(c.lhs.type, c.lhs.text, c.op));
        return;
      }
      case "Quantified": {
        const list = at(c.path);
        if (list !== undefined) list.list = true;
        const inner = new Map(aliases);
        inner.set(c.binder, absolutePath(c.path.split("."), aliases));
        visit(c.body, inner);
        return;
      }
    }
  };
  visit(condition, new Map(builder.aliases));
}

function literalValues(
  type: "string" | "number" | "boolean",
  text: string,
  op: string,
): SimValue[] {
  if (type === "number") return [Number(text)];
  if (type === "boolean") return [text === "true"];
  if (op === "in?" || op === "not_in?")
    return text.split(",").map((s) => s.trim());
  return [text];
}
