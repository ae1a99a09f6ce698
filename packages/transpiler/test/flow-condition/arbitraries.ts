/**
 * fast-check arbitraries for `Condition`. Generated values are deliberately NOT in normal
 * form (single-operand groups, same-operator nesting) so the laws exercise normalisation.
 */
import fc from "fast-check";
import {
  BINARY_OPS,
  QUANTIFIERS,
  UNARY_OPS,
  type Condition,
  type LiteralOperand,
  type LogicalOp,
  type Operand,
  type PathOperand,
} from "../../src/dialects/flow/condition/condition-ast.js";
import {
  findLiquidMarker,
  isIdentifier,
} from "../../src/dialects/flow/condition/lexical.js";

export const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

/** Names that share prefixes with operators and keywords, the lexer's hard cases. */
const trickyNames = [
  "order",
  "in",
  "nil",
  "any",
  "all",
  "none",
  "include",
  "not_in",
  "trueValue",
  "falsey",
  "_",
  "x1",
];

export const identifierArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.constantFrom(...trickyNames),
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,7}$/),
  )
  .filter(isIdentifier);

export const pathArb: fc.Arbitrary<string> = fc
  .array(identifierArb, { minLength: 1, maxLength: 4 })
  .map((segments) => segments.join("."));

/** Shopify's binder convention (`<lastSegment>_item`) plus arbitrary names. */
export const binderArb: fc.Arbitrary<string> = fc.oneof(
  identifierArb,
  identifierArb.map((n) => `${n}_item`),
);

/** Any text the DSL can spell: no `'` and no Liquid marker. */
export const dslStringArb: fc.Arbitrary<string> = fc
  .oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: "grapheme", maxLength: 6 }),
  )
  .filter((s) => !s.includes("'") && findLiquidMarker(s) === -1);

export const literalArb: fc.Arbitrary<LiteralOperand> = fc.oneof(
  dslStringArb.map(
    (text) => ({ kind: "Literal", type: "string", text }) as const,
  ),
  fc
    .stringMatching(/^-?[0-9]{1,6}(\.[0-9]{1,3})?$/)
    .map((text) => ({ kind: "Literal", type: "number", text }) as const),
  fc
    .constantFrom("true", "false")
    .map((text) => ({ kind: "Literal", type: "boolean", text }) as const),
);

const pathOperandArb: fc.Arbitrary<PathOperand> = pathArb.map((path) => ({
  kind: "Path",
  path,
}));
const operandArb: fc.Arbitrary<Operand> = fc.oneof(pathOperandArb, literalArb);

export interface ConditionArbOptions {
  /**
   * Allow a literal on the lhs of a comparison. The JSON tree types both literals of a
   * comparison by one `value_type`, so literal-vs-literal comparisons do not survive it.
   */
  readonly literalLhs: boolean;
  readonly maxDepth: number;
}

export function conditionArb(
  options: ConditionArbOptions,
): fc.Arbitrary<Condition> {
  const lhsArb = options.literalLhs
    ? fc.oneof({ weight: 4, arbitrary: pathOperandArb }, literalArb)
    : pathOperandArb;
  const comparison = fc.record({
    kind: fc.constant("Comparison" as const),
    lhs: lhsArb,
    op: fc.constantFrom(...BINARY_OPS),
    rhs: operandArb,
  });
  const unary = fc.record({
    kind: fc.constant("Unary" as const),
    operand: pathOperandArb,
    op: fc.constantFrom(...UNARY_OPS),
  });
  return fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { maxDepth: options.maxDepth, depthIdentifier: "condition" },
      comparison,
      unary,
      fc.record({
        kind: fc.constant("Logical" as const),
        op: fc.constantFrom<LogicalOp>("AND", "OR"),
        operands: fc.array(tie("condition"), { minLength: 1, maxLength: 4 }),
      }),
      fc.record({
        kind: fc.constant("Quantified" as const),
        path: pathArb,
        quantifier: fc.constantFrom(...QUANTIFIERS),
        binder: binderArb,
        body: tie("condition"),
      }),
    ),
  })).condition;
}

/** Every `uuid` of a tree in document (JSON text) order, for replaying ids on re-encoding. */
export function uuidsInOrder(tree: unknown): string[] {
  return [...JSON.stringify(tree).matchAll(/"uuid":("(?:[^"\\]|\\.)*")/g)].map(
    (m) => JSON.parse(m[1] ?? '""') as string,
  );
}

/** `newId` that hands out `ids` in order (or a counter when none are given). */
export function idSource(ids?: readonly string[]): () => string {
  let next = 0;
  return () => {
    const i = next++;
    return ids?.[i] ?? `id-${i}`;
  };
}
