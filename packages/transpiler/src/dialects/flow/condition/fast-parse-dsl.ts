/**
 * `fastParseConditionDsl`: the hot path of `parseConditionDsl` for well-formed conditions.
 *
 * Every condition of every CONDITION step is parsed on each transpilation, and chevrotain's
 * lexer, recognizer and CST cost tens of microseconds per condition. This is one hand-written
 * pass over the text (scanner and recursive descent together) that builds the `Condition`
 * directly. It only ever answers for input the chevrotain path accepts, with the same value;
 * on anything else (a syntax error, Liquid, mixed `&&`/`||`, non-ASCII outside a string,
 * too deep) it answers `undefined` and the caller runs the chevrotain path, which owns every
 * diagnostic. `test/flow-condition/fast-parse-dsl.test.ts` checks the two agree.
 *
 * Lexing mirrors `tokens.ts` (first pattern in definition order wins): the word operators
 * are tried before names, `true`/`false` yield to a longer name, a string runs to the next
 * `'` across line breaks.
 */
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
import { findLiquidMarker, MAX_CONDITION_DEPTH } from "./lexical.js";

type TokenKind =
  | "("
  | ")"
  | "."
  | "&&"
  | "||"
  | "|"
  | "binary"
  | "unary"
  | "quantifier"
  | "string"
  | "number"
  | "boolean"
  | "name"
  | "end"
  /** Text no token of the DSL matches: the chevrotain lexer reports it. */
  | "invalid";

/** Scanner state of one call; `image` is the current token's text. */
interface Cursor {
  readonly text: string;
  pos: number;
  kind: TokenKind;
  image: string;
  /** Parentheses open at the cursor, as `parse-dsl.ts` counts them for its depth check. */
  depth: number;
}

const quantifiers: Readonly<Record<string, Quantifier>> = {
  "any?": "any",
  "all?": "all",
  "none?": "none",
};

/** The condition `text` denotes, or `undefined` when the chevrotain path must decide. */
export function fastParseConditionDsl(text: string): Condition | undefined {
  if (findLiquidMarker(text) !== -1) return undefined;
  const c: Cursor = { text, pos: 0, kind: "end", image: "", depth: 0 };
  advance(c);
  const condition = chain(c);
  return at(c) === "end" ? condition : undefined;
}

/** The current token's kind (a call, so TypeScript does not keep a narrowing across `advance`). */
function at(c: Cursor): TokenKind {
  return c.kind;
}

function chain(c: Cursor): Condition | undefined {
  const first = element(c);
  if (first === undefined) return undefined;
  const op = at(c);
  if (op !== "&&" && op !== "||") return first;
  const operands = [first];
  while (at(c) === "&&" || at(c) === "||") {
    // Mixing is a diagnostic of the semantic pass.
    if (at(c) !== op) return undefined;
    advance(c);
    const next = element(c);
    if (next === undefined) return undefined;
    operands.push(next);
  }
  return makeLogical(op === "&&" ? "AND" : "OR", operands);
}

function element(c: Cursor): Condition | undefined {
  return at(c) === "(" ? group(c) : test(c);
}

function group(c: Cursor): Condition | undefined {
  if (at(c) !== "(" || ++c.depth > MAX_CONDITION_DEPTH) return undefined;
  advance(c);
  const inner = chain(c);
  if (inner === undefined || at(c) !== ")") return undefined;
  c.depth--;
  advance(c);
  return inner;
}

function test(c: Cursor): Condition | undefined {
  if (at(c) === "name") {
    const lhs = path(c);
    if (lhs === undefined) return undefined;
    switch (at(c)) {
      case "binary":
        return comparison(c, lhs);
      case "unary": {
        const op = c.image;
        if (!isUnaryOp(op)) return undefined;
        advance(c);
        return { kind: "Unary", operand: lhs, op };
      }
      case "quantifier":
        return quantified(c, lhs);
      default:
        return undefined;
    }
  }
  const lhs = literal(c);
  return lhs === undefined || at(c) !== "binary"
    ? undefined
    : comparison(c, lhs);
}

function comparison(c: Cursor, lhs: Operand): Condition | undefined {
  const op = c.image;
  if (!isBinaryOp(op)) return undefined;
  advance(c);
  const rhs = at(c) === "name" ? path(c) : literal(c);
  return rhs === undefined ? undefined : { kind: "Comparison", lhs, op, rhs };
}

/** `path any? |binder| (body)`, the cursor on the quantifier. */
function quantified(c: Cursor, lhs: PathOperand): Condition | undefined {
  const quantifier = quantifiers[c.image];
  advance(c);
  if (quantifier === undefined || at(c) !== "|") return undefined;
  advance(c);
  if (at(c) !== "name") return undefined;
  const binder = c.image;
  advance(c);
  if (at(c) !== "|") return undefined;
  advance(c);
  const body = group(c);
  return body === undefined
    ? undefined
    : { kind: "Quantified", path: lhs.path, quantifier, binder, body };
}

function path(c: Cursor): PathOperand | undefined {
  let text = c.image;
  advance(c);
  while (at(c) === ".") {
    advance(c);
    if (at(c) !== "name") return undefined;
    text += `.${c.image}`;
    advance(c);
  }
  return { kind: "Path", path: text };
}

function literal(c: Cursor): LiteralOperand | undefined {
  const image = c.image;
  let operand: LiteralOperand;
  if (at(c) === "string")
    operand = { kind: "Literal", type: "string", text: image.slice(1, -1) };
  else if (at(c) === "number")
    operand = { kind: "Literal", type: "number", text: image };
  else if (at(c) === "boolean")
    operand = { kind: "Literal", type: "boolean", text: image };
  else return undefined;
  advance(c);
  return operand;
}

// ---------------------------------------------------------------- scanner

function advance(c: Cursor): void {
  const text = c.text;
  let i = c.pos;
  let ch = text.charCodeAt(i);
  // ASCII white space only: the chevrotain lexer's `\s` also skips Unicode spaces, a case
  // left to it.
  while (ch === 0x20 || (ch >= 0x09 && ch <= 0x0d)) ch = text.charCodeAt(++i);
  const start = i;
  if (i >= text.length) return token(c, "end", start, i);
  if (isNameStart(ch)) {
    i++;
    while (isNameChar(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) === 0x3f /* ? */) {
      const word = text.slice(start, i + 1);
      const kind = wordOperatorKind(word);
      if (kind !== undefined) return token(c, kind, start, i + 1);
    }
    const word = text.slice(start, i);
    return token(
      c,
      word === "true" || word === "false" ? "boolean" : "name",
      start,
      i,
    );
  }
  if (ch === 0x27 /* ' */) {
    const close = text.indexOf("'", i + 1);
    return close === -1
      ? token(c, "invalid", start, start)
      : token(c, "string", start, close + 1);
  }
  if (isDigit(ch) || (ch === 0x2d /* - */ && isDigit(text.charCodeAt(i + 1)))) {
    i++;
    while (isDigit(text.charCodeAt(i))) i++;
    if (
      text.charCodeAt(i) === 0x2e /* . */ &&
      isDigit(text.charCodeAt(i + 1))
    ) {
      i += 2;
      while (isDigit(text.charCodeAt(i))) i++;
    }
    return token(c, "number", start, i);
  }
  const next = text.charCodeAt(i + 1);
  switch (ch) {
    case 0x28 /* ( */:
      return token(c, "(", start, i + 1);
    case 0x29 /* ) */:
      return token(c, ")", start, i + 1);
    case 0x2e /* . */:
      return token(c, ".", start, i + 1);
    case 0x26 /* & */:
      return next === 0x26
        ? token(c, "&&", start, i + 2)
        : token(c, "invalid", start, start);
    case 0x7c /* | */:
      return next === 0x7c
        ? token(c, "||", start, i + 2)
        : token(c, "|", start, i + 1);
    case 0x3d /* = */:
    case 0x21 /* ! */:
      return next === 0x3d
        ? token(c, "binary", start, i + 2)
        : token(c, "invalid", start, start);
    case 0x3c /* < */:
    case 0x3e /* > */:
      return token(c, "binary", start, next === 0x3d ? i + 2 : i + 1);
    default:
      return token(c, "invalid", start, start);
  }
}

function token(c: Cursor, kind: TokenKind, start: number, end: number): void {
  c.kind = kind;
  c.image = c.text.slice(start, end);
  c.pos = end;
}

function wordOperatorKind(word: string): TokenKind | undefined {
  if (isBinaryOp(word)) return "binary";
  if (isUnaryOp(word)) return "unary";
  return quantifiers[word] === undefined ? undefined : "quantifier";
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
