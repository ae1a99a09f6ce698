/**
 * The semantic model of a Flow condition (SPEC §b), shared by the textual DSL
 * (`parse-dsl.ts`, `print-dsl.ts`) and the JSON condition tree (`tree.ts`).
 *
 * Parentheses, the root wrapper (outer DSL parentheses, the tree's root `AND` with only
 * `lhs`) and the binary shape of tree `LogicalExpression`s are formatting, not semantics.
 * The normal form therefore has no single-operand `Logical` anywhere (the root included)
 * and no `Logical` directly inside a `Logical` with the same operator. Every decoder
 * returns normal form; `normalizeCondition` brings hand-built values to it.
 */

export const LOGICAL_OPS = ["AND", "OR"] as const;
export type LogicalOp = (typeof LOGICAL_OPS)[number];

/** The 14 binary operators, spelled as DSL tokens (the tree's `operator` uses the same). */
export const BINARY_OPS = [
  "==",
  "!=",
  ">",
  ">=",
  "<",
  "<=",
  "start_with?",
  "not_start_with?",
  "end_with?",
  "not_end_with?",
  "include?",
  "not_include?",
  "in?",
  "not_in?",
] as const;
export type BinaryOp = (typeof BINARY_OPS)[number];

export const UNARY_OPS = [
  "empty_or_nil?",
  "not_empty_and_not_nil?",
  "nil?",
  "not_nil?",
] as const;
export type UnaryOp = (typeof UNARY_OPS)[number];

export const QUANTIFIERS = ["any", "all", "none"] as const;
export type Quantifier = (typeof QUANTIFIERS)[number];

export interface PathOperand {
  readonly kind: "Path";
  /** Dotted path such as `order.customer.email`, or binder-relative (`tags_item.key`). */
  readonly path: string;
}

export type LiteralType = "string" | "number" | "boolean";

export interface LiteralOperand {
  readonly kind: "Literal";
  readonly type: LiteralType;
  /** Content without quotes; numbers verbatim (`10.00`, `-3`); booleans `true`/`false`. */
  readonly text: string;
}

export type Operand = PathOperand | LiteralOperand;

export interface Logical {
  readonly kind: "Logical";
  readonly op: LogicalOp;
  /** At least one; at least two in normal form. */
  readonly operands: readonly Condition[];
}

export interface Comparison {
  readonly kind: "Comparison";
  readonly lhs: Operand;
  readonly op: BinaryOp;
  readonly rhs: Operand;
}

export interface Unary {
  readonly kind: "Unary";
  /** Always a path: the DSL writes `path unary_op` (SPEC §b.2 `unary_test`). */
  readonly operand: PathOperand;
  readonly op: UnaryOp;
}

export interface Quantified {
  readonly kind: "Quantified";
  /** The list being iterated. */
  readonly path: string;
  readonly quantifier: Quantifier;
  /** The per-item variable, conventionally `<lastSegment>_item` (SPEC §b.1). */
  readonly binder: string;
  readonly body: Condition;
}

export type Condition = Logical | Comparison | Unary | Quantified;
export type ConditionKind = Condition["kind"];

const binaryOpSet: ReadonlySet<string> = new Set(BINARY_OPS);
const unaryOpSet: ReadonlySet<string> = new Set(UNARY_OPS);

export function isBinaryOp(text: string): text is BinaryOp {
  return binaryOpSet.has(text);
}

export function isUnaryOp(text: string): text is UnaryOp {
  return unaryOpSet.has(text);
}

/**
 * Builds a normal-form `Logical` from already-normal operands: same-operator children are
 * spliced in and a single operand is returned unwrapped.
 */
export function makeLogical(
  op: LogicalOp,
  operands: readonly Condition[],
): Condition {
  if (operands.length === 1 && operands[0] !== undefined) return operands[0];
  if (!operands.some((o) => o.kind === "Logical" && o.op === op)) {
    return { kind: "Logical", op, operands };
  }
  const flat: Condition[] = [];
  for (const o of operands) {
    if (o.kind === "Logical" && o.op === op) flat.push(...o.operands);
    else flat.push(o);
  }
  return { kind: "Logical", op, operands: flat };
}

/**
 * Returns the normal form of `c` (see the module comment). Values already in normal form
 * are returned as is, so normalising decoder output costs no allocation.
 */
export function normalizeCondition(c: Condition): Condition {
  switch (c.kind) {
    case "Comparison":
    case "Unary":
      return c;
    case "Quantified": {
      const body = normalizeCondition(c.body);
      return body === c.body ? c : { ...c, body };
    }
    case "Logical": {
      const operands = spliceOperands(c).map(normalizeCondition);
      const unchanged =
        operands.length === c.operands.length &&
        operands.every((o, i) => o === c.operands[i]);
      // makeLogical also splices an operand that only became same-operator once normalised.
      return unchanged && operands.length !== 1
        ? c
        : makeLogical(c.op, operands);
    }
  }
}

/** Follows single-operand groups down to the condition they hold. */
export function unwrapGroup(c: Condition): Condition {
  let current = c;
  while (
    current.kind === "Logical" &&
    current.operands.length === 1 &&
    current.operands[0] !== undefined
  ) {
    current = current.operands[0];
  }
  return current;
}

/**
 * The operands of `c` with single-operand groups unwrapped and same-operator groups spliced
 * in, at any depth; the operands themselves are not normalised. Iterative, so long
 * hand-built chains cannot overflow the call stack.
 */
export function spliceOperands(c: Logical): Condition[] {
  const out: Condition[] = [];
  const stack: Condition[] = [...c.operands].reverse();
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const o = unwrapGroup(next);
    if (o.kind !== "Logical" || o.op !== c.op) {
      out.push(o);
      continue;
    }
    for (let i = o.operands.length - 1; i >= 0; i--) {
      const inner = o.operands[i];
      if (inner !== undefined) stack.push(inner);
    }
  }
  return out;
}

/** Structural equality of the normal forms of `a` and `b`. */
export function conditionEquals(a: Condition, b: Condition): boolean {
  return equalNormal(normalizeCondition(a), normalizeCondition(b));
}

function equalNormal(a: Condition, b: Condition): boolean {
  switch (a.kind) {
    case "Logical":
      return (
        b.kind === "Logical" &&
        a.op === b.op &&
        a.operands.length === b.operands.length &&
        a.operands.every((o, i) => {
          const other = b.operands[i];
          return other !== undefined && equalNormal(o, other);
        })
      );
    case "Comparison":
      return (
        b.kind === "Comparison" &&
        a.op === b.op &&
        operandEquals(a.lhs, b.lhs) &&
        operandEquals(a.rhs, b.rhs)
      );
    case "Unary":
      return (
        b.kind === "Unary" &&
        a.op === b.op &&
        operandEquals(a.operand, b.operand)
      );
    case "Quantified":
      return (
        b.kind === "Quantified" &&
        a.path === b.path &&
        a.quantifier === b.quantifier &&
        a.binder === b.binder &&
        equalNormal(a.body, b.body)
      );
  }
}

export function operandEquals(a: Operand, b: Operand): boolean {
  if (a.kind === "Path") return b.kind === "Path" && a.path === b.path;
  return b.kind === "Literal" && a.type === b.type && a.text === b.text;
}
