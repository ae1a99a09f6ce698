/**
 * `decodeConditionTree`: JSON condition tree (SPEC §b.3) → normal-form `Condition`, plus the
 * `value_type` of each comparison's lhs path (the DSL cannot carry it; `encodeConditionTree`
 * needs it back).
 *
 * Validation is strict because anything the model cannot represent would be silently lost
 * on the way back: unknown or missing keys, wrong `operation_type`/`operator`, duplicate
 * `uuid`s, `parent_uuid` not equal to the parent's `uuid`, paths the DSL cannot spell. Each
 * problem is a `condition-invalid-tree` diagnostic whose `path` is relative to the tree root.
 * The binary shape of same-operator `LogicalExpression`s is not semantic and is flattened
 * with an explicit stack, so long chains (nested either way) cost no recursion.
 */
import { fail, ok, type Result } from "../../../diagnostics/diagnostic.js";
import {
  isBinaryOp,
  isUnaryOp,
  makeLogical,
  type Condition,
  type LogicalOp,
  type Quantifier,
} from "./condition-ast.js";
import { MAX_CONDITION_DEPTH } from "./lexical.js";
import { decodeLeaf, toOperand } from "./decode-tree-leaf.js";
import {
  asObject,
  at,
  checkNode,
  describe,
  problem,
  stringField,
  type Json,
  type Loc,
  type TreeReader,
} from "./tree-reader.js";

export interface DecodedConditionTree {
  readonly condition: Condition;
  /** lhs path → `value_type`; the first comparison wins when a path recurs. */
  readonly types: ReadonlyMap<string, string>;
}

interface Ctx extends TreeReader {
  readonly types: Map<string, string>;
}

// Maps, not object literals: a lookup by untrusted text must not reach Object.prototype.
const quantifierByTree: ReadonlyMap<unknown, Quantifier> = new Map([
  ["ANY", "any"],
  ["ALL", "all"],
  ["NONE", "none"],
]);
const logicalOps: ReadonlyMap<unknown, LogicalOp> = new Map([
  ["AND", "AND"],
  ["OR", "OR"],
]);

export function decodeConditionTree(
  value: unknown,
): Result<DecodedConditionTree> {
  const ctx: Ctx = { diagnostics: [], types: new Map(), uuids: new Set() };
  const root = asObject(ctx, value, undefined);
  let condition: Condition | undefined;
  if (root !== undefined) {
    if (root["operation_type"] === "LogicalExpression")
      condition = decodeLogical(ctx, root, undefined, undefined, 0);
    else
      problem(
        ctx,
        at(undefined, "operation_type"),
        "the root of a condition tree must be a LogicalExpression",
      );
  }
  if (condition === undefined || ctx.diagnostics.length > 0)
    return fail(ctx.diagnostics);
  return ok({ condition, types: ctx.types });
}

function decodeOperation(
  ctx: Ctx,
  v: unknown,
  path: Loc | undefined,
  parent: string,
  depth: number,
): Condition | undefined {
  const node = asObject(ctx, v, path);
  if (node === undefined) return undefined;
  const type = node["operation_type"];
  switch (type) {
    case "LogicalExpression":
      return decodeLogical(ctx, node, path, parent, depth);
    case "Comparison":
      return decodeComparison(ctx, node, path, parent);
    case "ArrayExpression":
      return decodeArray(ctx, node, path, parent, depth);
    default:
      return problem(
        ctx,
        at(path, "operation_type"),
        `unknown operation_type ${describe(type)}`,
        "Expected LogicalExpression, Comparison or ArrayExpression.",
      );
  }
}

interface Pending {
  readonly value: unknown;
  readonly path: Loc | undefined;
  readonly parent: string | undefined;
}

function decodeLogical(
  ctx: Ctx,
  node: Json,
  path: Loc | undefined,
  parent: string | undefined,
  depth: number,
): Condition | undefined {
  if (depth > MAX_CONDITION_DEPTH)
    return problem(
      ctx,
      path,
      `condition tree nested deeper than ${MAX_CONDITION_DEPTH} levels`,
    );
  const op = logicalOps.get(node["operator"]);
  if (op === undefined)
    return problem(
      ctx,
      at(path, "operator"),
      `logical operator must be "AND" or "OR", found ${describe(node["operator"])}`,
    );
  const operands: Condition[] = [];
  let valid = true;
  const stack: Pending[] = [{ value: node, path, parent }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const v = item.value;
    const sameOp =
      typeof v === "object" &&
      v !== null &&
      !Array.isArray(v) &&
      "operation_type" in v &&
      "operator" in v &&
      v.operation_type === "LogicalExpression" &&
      v.operator === op;
    if (!sameOp) {
      const decoded =
        item.parent === undefined
          ? undefined
          : decodeOperation(ctx, v, item.path, item.parent, depth + 1);
      if (decoded === undefined) valid = false;
      else operands.push(decoded);
      continue;
    }
    const group = v as Json;
    const uuid = checkNode(
      ctx,
      group,
      item.path,
      item.parent,
      ["uuid", "lhs", "operator", "operation_type"],
      ["rhs"],
    );
    if (uuid === undefined) {
      valid = false;
      continue;
    }
    if ("rhs" in group)
      stack.push({
        value: group["rhs"],
        path: at(item.path, "rhs"),
        parent: uuid,
      });
    stack.push({
      value: group["lhs"],
      path: at(item.path, "lhs"),
      parent: uuid,
    });
  }
  return valid ? makeLogical(op, operands) : undefined;
}

function decodeComparison(
  ctx: Ctx,
  node: Json,
  path: Loc | undefined,
  parent: string,
): Condition | undefined {
  const keys = [
    "uuid",
    "parent_uuid",
    "lhs",
    "rhs",
    "value_type",
    "operator",
    "operation_type",
  ];
  const uuid = checkNode(ctx, node, path, parent, keys);
  if (uuid === undefined) return undefined;
  const valueType = stringField(ctx, node, "value_type", path);
  if (valueType === "")
    problem(ctx, at(path, "value_type"), "value_type must not be empty");
  const op = stringField(ctx, node, "operator", path);
  const lhs = decodeLeaf(ctx, node["lhs"], at(path, "lhs"), uuid, "lhs");
  const rhs = decodeLeaf(ctx, node["rhs"], at(path, "rhs"), uuid, "rhs");
  if (
    valueType === undefined ||
    valueType === "" ||
    op === undefined ||
    lhs === undefined ||
    rhs === undefined
  ) {
    return undefined;
  }
  if (lhs.environment) {
    if (!ctx.types.has(lhs.value)) ctx.types.set(lhs.value, valueType);
  }
  if (isUnaryOp(op)) {
    if (!lhs.environment)
      return problem(
        ctx,
        at(path, "lhs"),
        `the lhs of "${op}" must be an EnvironmentValue`,
      );
    if (rhs.environment || rhs.value !== "") {
      return problem(
        ctx,
        at(path, "rhs"),
        `the rhs of "${op}" must be the LiteralValue ""`,
      );
    }
    return { kind: "Unary", operand: { kind: "Path", path: lhs.value }, op };
  }
  if (!isBinaryOp(op))
    return problem(
      ctx,
      at(path, "operator"),
      `unknown comparison operator ${JSON.stringify(op)}`,
    );
  return {
    kind: "Comparison",
    lhs: toOperand(lhs, valueType),
    op,
    rhs: toOperand(rhs, valueType),
  };
}

function decodeArray(
  ctx: Ctx,
  node: Json,
  path: Loc | undefined,
  parent: string,
  depth: number,
): Condition | undefined {
  if (depth > MAX_CONDITION_DEPTH)
    return problem(
      ctx,
      path,
      `condition tree nested deeper than ${MAX_CONDITION_DEPTH} levels`,
    );
  const keys = [
    "uuid",
    "parent_uuid",
    "array_path",
    "array_item_key",
    "operation",
    "operator",
    "operation_type",
  ];
  const uuid = checkNode(ctx, node, path, parent, keys);
  if (uuid === undefined) return undefined;
  const quantifier = quantifierByTree.get(node["operator"]);
  if (quantifier === undefined)
    problem(
      ctx,
      at(path, "operator"),
      `array operator must be "ANY", "ALL" or "NONE", found ${describe(node["operator"])}`,
    );
  const list = decodeLeaf(
    ctx,
    node["array_path"],
    at(path, "array_path"),
    uuid,
    "array_path",
  );
  const binder = decodeLeaf(
    ctx,
    node["array_item_key"],
    at(path, "array_item_key"),
    uuid,
    "array_item_key",
  );
  const operation = asObject(ctx, node["operation"], at(path, "operation"));
  if (operation === undefined) return undefined;
  if (operation["operation_type"] !== "LogicalExpression") {
    return problem(
      ctx,
      at(at(path, "operation"), "operation_type"),
      "the body of an ArrayExpression must be a LogicalExpression",
    );
  }
  const body = decodeLogical(
    ctx,
    operation,
    at(path, "operation"),
    uuid,
    depth + 1,
  );
  if (
    quantifier === undefined ||
    list === undefined ||
    binder === undefined ||
    body === undefined
  )
    return undefined;
  return {
    kind: "Quantified",
    path: list.value,
    quantifier,
    binder: binder.value,
    body,
  };
}
