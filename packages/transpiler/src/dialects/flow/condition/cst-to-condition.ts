/**
 * Semantics of the condition grammar: walks the CST of `grammar.ts` into a normal-form
 * `Condition`. SPEC rules the tolerant grammar lets through (mixing `&&` and `||` in one
 * chain) are reported here, each with the span of the offending token. Recursion depth is
 * bounded by the parenthesis-depth check that runs before parsing.
 */
import type { CstElement, CstNode, IToken } from "chevrotain";
import { codes } from "../../../diagnostics/codes.js";
import { error, type Diagnostic } from "../../../diagnostics/diagnostic.js";
import { InternalError } from "../../../diagnostics/errors.js";
import type { LineIndex } from "../../../source/line-index.js";
import {
  isBinaryOp,
  isUnaryOp,
  makeLogical,
  type Condition,
  type LiteralOperand,
  type Operand,
  type PathOperand,
  type Quantifier,
} from "./condition-ast.js";
import { NumberLiteral, StringLiteral } from "./tokens.js";

export interface CstContext {
  readonly lines: LineIndex;
  readonly diagnostics: Diagnostic[];
}

function isNode(e: CstElement): e is CstNode {
  return "children" in e;
}

function nodes(node: CstNode, key: string): CstNode[] {
  return (node.children[key] ?? []).filter(isNode);
}

function tokens(node: CstNode, key: string): IToken[] {
  return (node.children[key] ?? []).filter((e): e is IToken => !isNode(e));
}

function only<T>(items: readonly T[], what: string): T {
  const first = items[0];
  if (first === undefined)
    throw new InternalError(`condition CST: missing ${what}`);
  return first;
}

/** `condition` and `group` both hold exactly one `chain`. */
export function convertCondition(
  node: CstNode,
  ctx: CstContext,
): Condition | undefined {
  return convertChain(only(nodes(node, "chain"), "chain"), ctx);
}

function convertChain(node: CstNode, ctx: CstContext): Condition | undefined {
  const elements = nodes(node, "element").map((e) => convertElement(e, ctx));
  const ops = tokens(node, "LogicalOperator");
  const first = ops[0];
  if (first === undefined) return elements[0];
  const mixed = ops.find((t) => t.image !== first.image);
  if (mixed !== undefined) {
    ctx.diagnostics.push(
      error(
        codes.conditionSyntax,
        `'${mixed.image}' mixed with '${first.image}' at the same level`,
        {
          span: ctx.lines.span(
            mixed.startOffset,
            mixed.startOffset + mixed.image.length,
          ),
          hint: "Never mix && and || in one group (SPEC §b.1): put one side in its own parentheses or use several condition steps.",
        },
      ),
    );
    return undefined;
  }
  const operands = elements.filter((e): e is Condition => e !== undefined);
  if (operands.length !== elements.length) return undefined;
  return makeLogical(first.image === "&&" ? "AND" : "OR", operands);
}

function convertElement(node: CstNode, ctx: CstContext): Condition | undefined {
  const group = nodes(node, "group")[0];
  if (group !== undefined) return convertCondition(group, ctx);
  return convertTest(only(nodes(node, "test"), "test"), ctx);
}

function convertTest(node: CstNode, ctx: CstContext): Condition | undefined {
  const pathNode = nodes(node, "path")[0];
  const lhs: Operand = pathNode
    ? convertPath(pathNode)
    : convertLiteral(only(nodes(node, "literal"), "lhs"));
  const binary = tokens(node, "BinaryOperator")[0];
  if (binary !== undefined) {
    if (!isBinaryOp(binary.image))
      throw new InternalError(`condition CST: operator ${binary.image}`);
    return {
      kind: "Comparison",
      lhs,
      op: binary.image,
      rhs: convertOperand(only(nodes(node, "operand"), "rhs")),
    };
  }
  if (lhs.kind !== "Path")
    throw new InternalError("condition CST: literal without binary operator");
  const unary = tokens(node, "UnaryOperator")[0];
  if (unary !== undefined) {
    if (!isUnaryOp(unary.image))
      throw new InternalError(`condition CST: operator ${unary.image}`);
    return { kind: "Unary", operand: lhs, op: unary.image };
  }
  const quantifierToken = only(tokens(node, "Quantifier"), "quantifier");
  const quantifier = quantifierByToken[quantifierToken.image];
  if (quantifier === undefined)
    throw new InternalError(
      `condition CST: quantifier ${quantifierToken.image}`,
    );
  const binder = only(tokens(node, "Identifier"), "binder").image;
  const body = convertCondition(
    only(nodes(node, "group"), "quantifier body"),
    ctx,
  );
  return (
    body && { kind: "Quantified", path: lhs.path, quantifier, binder, body }
  );
}

const quantifierByToken: Readonly<Record<string, Quantifier>> = {
  "any?": "any",
  "all?": "all",
  "none?": "none",
};

function convertOperand(node: CstNode): Operand {
  const path = nodes(node, "path")[0];
  return path
    ? convertPath(path)
    : convertLiteral(only(nodes(node, "literal"), "literal"));
}

function convertPath(node: CstNode): PathOperand {
  return {
    kind: "Path",
    path: tokens(node, "Identifier")
      .map((t) => t.image)
      .join("."),
  };
}

function convertLiteral(node: CstNode): LiteralOperand {
  const token = only(tokens(node, "Literal"), "literal");
  if (token.tokenType === StringLiteral)
    return { kind: "Literal", type: "string", text: token.image.slice(1, -1) };
  if (token.tokenType === NumberLiteral)
    return { kind: "Literal", type: "number", text: token.image };
  return { kind: "Literal", type: "boolean", text: token.image };
}
