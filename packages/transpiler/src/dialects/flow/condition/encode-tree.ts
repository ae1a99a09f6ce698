/**
 * `encodeConditionTree`: `Condition` → JSON condition tree (SPEC §b.3, §b.4).
 *
 * Shape choices where the export is unobserved (SPEC "Uncertain" 4): groups of three or
 * more operands become LEFT-nested binary `LogicalExpression`s; every group position (the
 * root, a quantifier body) holding a single test gets an `AND` wrapper with only `lhs`.
 * Ids are requested in document order, so replaying an export's ids reproduces it exactly.
 */
import { InternalError } from "../../../diagnostics/errors.js";
import {
  normalizeCondition,
  type Comparison,
  type Condition,
  type LogicalOp,
  type Operand,
  type Quantified,
  type Unary,
} from "./condition-ast.js";
import {
  defaultValueType,
  treeQuantifiers,
  type TreeArrayExpression,
  type TreeComparison,
  type TreeLogicalExpression,
  type TreeOperation,
  type TreeValue,
} from "./tree-nodes.js";

export interface EncodeConditionTreeOptions {
  /** `value_type` of a comparison's lhs path (from `decodeConditionTree`'s `types` or the schema). */
  readonly typeOf: (lhsPath: string) => string | undefined;
  /** A fresh unique id per node (ULID/UUID in real exports). */
  readonly newId: () => string;
}

export function encodeConditionTree(
  c: Condition,
  options: EncodeConditionTreeOptions,
): TreeLogicalExpression {
  return encodeGroup(normalizeCondition(c), undefined, options);
}

/** `{uuid}` or `{uuid, parent_uuid}`, spread first so the keys lead in export order. */
/**
 * A logical node with its keys in the tree's order. Written out rather than as
 * `{ ...ids, lhs, ... }`: V8 makes a new hidden class for every evaluation of a literal
 * that starts with a spread and adds keys after it.
 */
function logicalNode(
  uuid: string,
  parent: string | undefined,
  lhs: TreeOperation,
  rhs: TreeOperation | undefined,
  operator: LogicalOp,
): TreeLogicalExpression {
  const operation_type = "LogicalExpression";
  if (parent === undefined)
    return rhs === undefined
      ? { uuid, lhs, operator, operation_type }
      : { uuid, lhs, rhs, operator, operation_type };
  return rhs === undefined
    ? { uuid, parent_uuid: parent, lhs, operator, operation_type }
    : { uuid, parent_uuid: parent, lhs, rhs, operator, operation_type };
}

function encodeGroup(
  c: Condition,
  parent: string | undefined,
  o: EncodeConditionTreeOptions,
): TreeLogicalExpression {
  if (c.kind !== "Logical") {
    const uuid = o.newId();
    return logicalNode(
      uuid,
      parent,
      encodeOperation(c, uuid, o),
      undefined,
      "AND",
    );
  }
  const n = c.operands.length;
  if (n < 2)
    throw new InternalError(`normalized ${c.op} group with ${n} operand(s)`);
  // Chain node k (0 = outermost) has lhs = node k+1 and rhs = operand n-1-k; the innermost
  // node (k = n-2) has lhs = operand 0. Ids go top-down first, then operands left to right.
  const chainIds = Array.from({ length: n - 1 }, () => o.newId());
  const encoded = c.operands.map((operand, j) =>
    encodeOperation(operand, at(chainIds, j === 0 ? n - 2 : n - 1 - j), o),
  );
  const chainNode = (k: number, lhs: TreeOperation): TreeLogicalExpression =>
    logicalNode(
      at(chainIds, k),
      k === 0 ? parent : at(chainIds, k - 1),
      lhs,
      at(encoded, n - 1 - k),
      c.op,
    );
  let node = chainNode(n - 2, at(encoded, 0));
  for (let k = n - 3; k >= 0; k--) node = chainNode(k, node);
  return node;
}

function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined)
    throw new InternalError(`logical chain index ${i} out of range`);
  return item;
}

function encodeOperation(
  c: Condition,
  parent: string,
  o: EncodeConditionTreeOptions,
): TreeOperation {
  switch (c.kind) {
    case "Logical":
      return encodeGroup(c, parent, o);
    case "Comparison":
    case "Unary":
      return encodeComparison(c, parent, o);
    case "Quantified":
      return encodeArray(c, parent, o);
  }
}

function encodeComparison(
  c: Comparison | Unary,
  parent: string,
  o: EncodeConditionTreeOptions,
): TreeComparison {
  const uuid = o.newId();
  const lhsOperand = c.kind === "Comparison" ? c.lhs : c.operand;
  const rhsOperand = c.kind === "Comparison" ? c.rhs : undefined;
  const lhs = encodeValue(lhsOperand, uuid, true, o);
  const rhs: TreeValue = rhsOperand
    ? encodeValue(rhsOperand, uuid, false, o)
    : {
        uuid: o.newId(),
        parent_uuid: uuid,
        value: "",
        comparison_value_type: "LiteralValue",
      };
  const typed =
    lhsOperand.kind === "Path" ? o.typeOf(lhsOperand.path) : undefined;
  return {
    uuid,
    parent_uuid: parent,
    lhs,
    rhs,
    value_type: typed ?? defaultValueType(lhsOperand, rhsOperand),
    operator: c.op,
    operation_type: "Comparison",
  };
}

function encodeValue(
  v: Operand,
  parent: string,
  isLhs: boolean,
  o: EncodeConditionTreeOptions,
): TreeValue {
  const uuid = o.newId();
  if (v.kind === "Literal")
    return {
      uuid,
      parent_uuid: parent,
      value: v.text,
      comparison_value_type: "LiteralValue",
    };
  const comparison_value_type = "EnvironmentValue";
  return isLhs
    ? {
        uuid,
        parent_uuid: parent,
        value: v.path,
        comparison_value_type,
        full_environment_path: v.path,
      }
    : { uuid, parent_uuid: parent, value: v.path, comparison_value_type };
}

function encodeArray(
  c: Quantified,
  parent: string,
  o: EncodeConditionTreeOptions,
): TreeArrayExpression {
  const uuid = o.newId();
  const leaf = (value: string): TreeValue => ({
    uuid: o.newId(),
    parent_uuid: uuid,
    value,
    comparison_value_type: "EnvironmentValue",
  });
  const array_path = leaf(c.path);
  const array_item_key = leaf(c.binder);
  return {
    uuid,
    parent_uuid: parent,
    array_path,
    array_item_key,
    operation: encodeGroup(c.body, uuid, o),
    operator: treeQuantifiers[c.quantifier],
    operation_type: "ArrayExpression",
  };
}
