/**
 * Value leaves of a condition tree (SPEC §b.3 "Value node"): a path (`EnvironmentValue`)
 * or a literal (`LiteralValue`, always a JSON string, typed later by `value_type`).
 * `full_environment_path` must equal `value`: it is required on a comparison's lhs path,
 * tolerated on an rhs path (unobserved, SPEC §b.4 [I]) and refused elsewhere.
 */
import type { Operand } from "./condition-ast.js";
import { isIdentifier, isPath } from "./lexical.js";
import { literalFromTree } from "./tree-nodes.js";
import {
  asObject,
  at,
  checkNode,
  describe,
  problem,
  stringField,
  type Loc,
  type TreeReader,
} from "./tree-reader.js";

export interface Leaf {
  readonly environment: boolean;
  readonly value: string;
}

export function toOperand(leaf: Leaf, valueType: string): Operand {
  return leaf.environment
    ? { kind: "Path", path: leaf.value }
    : literalFromTree(leaf.value, valueType);
}

export type LeafRole = "lhs" | "rhs" | "array_path" | "array_item_key";

export function decodeLeaf(
  ctx: TreeReader,
  v: unknown,
  path: Loc | undefined,
  parent: string,
  role: LeafRole,
): Leaf | undefined {
  const node = asObject(ctx, v, path);
  if (node === undefined) return undefined;
  const inComparison = role === "lhs" || role === "rhs";
  const optional = inComparison ? ["full_environment_path"] : [];
  const uuid = checkNode(
    ctx,
    node,
    path,
    parent,
    ["uuid", "parent_uuid", "value", "comparison_value_type"],
    optional,
  );
  const value = stringField(ctx, node, "value", path);
  if (uuid === undefined || value === undefined) return undefined;
  const kind = node["comparison_value_type"];
  if (kind === "LiteralValue" && inComparison) {
    if ("full_environment_path" in node)
      return problem(
        ctx,
        at(path, "full_environment_path"),
        "a LiteralValue has no full_environment_path",
      );
    return { environment: false, value };
  }
  if (kind !== "EnvironmentValue") {
    const allowed = inComparison
      ? '"EnvironmentValue" or "LiteralValue"'
      : '"EnvironmentValue"';
    return problem(
      ctx,
      at(path, "comparison_value_type"),
      `comparison_value_type must be ${allowed}, found ${describe(kind)}`,
    );
  }
  const valid = role === "array_item_key" ? isIdentifier(value) : isPath(value);
  if (!valid) {
    return problem(
      ctx,
      at(path, "value"),
      `${JSON.stringify(value)} is not a valid condition path`,
      "Paths are dotted names such as order.customer.email.",
    );
  }
  const full = node["full_environment_path"];
  if (full === undefined && role === "lhs")
    return problem(ctx, path, 'missing key "full_environment_path"');
  if (full !== undefined && full !== value) {
    return problem(
      ctx,
      at(path, "full_environment_path"),
      `full_environment_path ${describe(full)} differs from value ${JSON.stringify(value)}`,
    );
  }
  return { environment: true, value };
}
