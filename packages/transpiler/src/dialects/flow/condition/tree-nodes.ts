/**
 * The JSON condition tree of exported `.flow` files (SPEC §b.3), as TypeScript types, and
 * the `value_type` rules that decide how a tree literal (always a JSON string) maps to a
 * typed DSL literal. Property order in these interfaces is the order the export uses.
 */
import type {
  LiteralOperand,
  LiteralType,
  Operand,
  Quantifier,
} from "./condition-ast.js";
import { isBooleanText, isNumberText } from "./lexical.js";

export interface TreeValue {
  readonly uuid: string;
  readonly parent_uuid: string;
  readonly value: string;
  readonly comparison_value_type: "EnvironmentValue" | "LiteralValue";
  /** Only on an `EnvironmentValue` that is a comparison's lhs; equals `value`. */
  readonly full_environment_path?: string;
}

export interface TreeComparison {
  readonly uuid: string;
  readonly parent_uuid: string;
  readonly lhs: TreeValue;
  readonly rhs: TreeValue;
  /** Type of the lhs leaf, e.g. `EnvironmentScalarDefinition:String`. */
  readonly value_type: string;
  readonly operator: string;
  readonly operation_type: "Comparison";
}

export interface TreeLogicalExpression {
  readonly uuid: string;
  /** Absent only on the root. */
  readonly parent_uuid?: string;
  readonly lhs: TreeOperation;
  /** Absent on a single-operand wrapper (the root of a one-test condition, a quantifier body). */
  readonly rhs?: TreeOperation;
  readonly operator: "AND" | "OR";
  readonly operation_type: "LogicalExpression";
}

export interface TreeArrayExpression {
  readonly uuid: string;
  readonly parent_uuid: string;
  readonly array_path: TreeValue;
  readonly array_item_key: TreeValue;
  readonly operation: TreeLogicalExpression;
  readonly operator: TreeQuantifier;
  readonly operation_type: "ArrayExpression";
}

export type TreeOperation =
  TreeComparison | TreeLogicalExpression | TreeArrayExpression;

export type TreeQuantifier = "ANY" | "ALL" | "NONE";

export const treeQuantifiers = {
  any: "ANY",
  all: "ALL",
  none: "NONE",
} as const satisfies Record<Quantifier, TreeQuantifier>;

const SCALAR_PREFIX = "EnvironmentScalarDefinition:";

/** GraphQL scalars whose literals the DSL writes bare (SPEC §b.3: numbers unquoted). */
const numericScalars: ReadonlySet<string> = new Set([
  "Int",
  "Float",
  "Decimal",
  "Money",
  "UnsignedInt64",
]);

/** Types a tree literal by the comparison's `value_type`; anything unrecognised is a string. */
export function literalFromTree(
  text: string,
  valueType: string,
): LiteralOperand {
  const scalar = valueType.startsWith(SCALAR_PREFIX)
    ? valueType.slice(SCALAR_PREFIX.length)
    : undefined;
  let type: LiteralType = "string";
  if (scalar !== undefined && numericScalars.has(scalar) && isNumberText(text))
    type = "number";
  else if (scalar === "Boolean" && isBooleanText(text)) type = "boolean";
  return { kind: "Literal", type, text };
}

/**
 * `value_type` when the caller knows none: taken from the comparison's literal (rhs first)
 * so that decoding restores the literal's type; `String` otherwise.
 */
export function defaultValueType(
  lhs: Operand,
  rhs: Operand | undefined,
): string {
  const literal =
    rhs?.kind === "Literal" ? rhs : lhs.kind === "Literal" ? lhs : undefined;
  switch (literal?.type) {
    case undefined:
    case "string":
      return `${SCALAR_PREFIX}String`;
    case "number":
      return `${SCALAR_PREFIX}${literal.text.includes(".") ? "Float" : "Int"}`;
    case "boolean":
      return `${SCALAR_PREFIX}Boolean`;
  }
}
