/**
 * Turns chevrotain lexing and parsing errors into `condition-syntax` diagnostics with a
 * span and a hint. Messages are built here (chevrotain's error-provider hook) rather than
 * taken from chevrotain's defaults, which print internal token names.
 */
import {
  EOF,
  tokenLabel,
  type ILexingError,
  type IParserErrorMessageProvider,
  type IRecognitionException,
  type IToken,
  type TokenType,
} from "chevrotain";
import { codes } from "../../../diagnostics/codes.js";
import { error, type Diagnostic } from "../../../diagnostics/diagnostic.js";
import type { LineIndex } from "../../../source/line-index.js";
import { RParen } from "./tokens.js";

const MAX_SHOWN = 24;

export function describeToken(token: IToken): string {
  if (token.tokenType === EOF) return "the end of the condition";
  const image =
    token.image.length > MAX_SHOWN
      ? `${token.image.slice(0, MAX_SHOWN)}…`
      : token.image;
  return `'${image}'`;
}

function describeAlternatives(types: readonly TokenType[]): string {
  const labels = [...new Set(types.map(tokenLabel))];
  if (labels.length <= 1) return labels[0] ?? "more input";
  return `${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1] ?? ""}`;
}

function firstTokens(paths: readonly (readonly TokenType[])[]): TokenType[] {
  return paths.flatMap((p) => (p[0] === undefined ? [] : [p[0]]));
}

export const conditionErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) =>
    `expected ${tokenLabel(expected)} but found ${describeToken(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) =>
    `unexpected ${describeToken(firstRedundant)} after the end of the condition`,
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual }) =>
    `expected ${describeAlternatives(expectedPathsPerAlt.flatMap(firstTokens))} but found ${actualOf(actual)}`,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual }) =>
    `expected ${describeAlternatives(firstTokens(expectedIterationPaths))} but found ${actualOf(actual)}`,
};

function actualOf(tokens: readonly IToken[]): string {
  const first = tokens[0];
  return first === undefined
    ? "the end of the condition"
    : describeToken(first);
}

/** Hints keyed by the grammar rule in which the parser stopped (see `grammar.ts`). */
const ruleHints: Readonly<Record<string, string>> = {
  condition:
    "Join tests with && or ||, e.g. ((order.totalPrice > 100) && (order.email nil?)).",
  chain: "Every '(' needs a matching ')', and tests are joined with && or ||.",
  element:
    "Write each test in its own parentheses, e.g. (order.totalPrice > 100).",
  group: "Every '(' needs a matching ')'.",
  test: "A test is (path operator value), (path nil?) or (list any? |list_item| (body)).",
  operand:
    "A value is a path, a single-quoted string ('paid'), a number (10.5) or true/false.",
  literal:
    "A value is a path, a single-quoted string ('paid'), a number (10.5) or true/false.",
  path: "Paths are dotted names such as order.customer.email (no [0], .edges or .nodes).",
};

export function parseErrorToDiagnostic(
  e: IRecognitionException,
  lines: LineIndex,
  textLength: number,
): Diagnostic {
  const token = e.token;
  const atEnd = token.tokenType === EOF || Number.isNaN(token.startOffset);
  const start = atEnd ? textLength : token.startOffset;
  const span = lines.span(
    start,
    atEnd ? textLength : start + token.image.length,
  );
  const stack = e.context.ruleStack;
  const rule = stack[stack.length - 1] ?? "condition";
  let hint = ruleHints[rule] ?? ruleHints["condition"] ?? "";
  if (rule === "group" && stack[stack.length - 2] === "test") {
    hint =
      "A quantifier body is a parenthesised condition: (order.tags any? |tags_item| (tags_item == 'vip')).";
  }
  if (e.name === "NotAllInputParsedException") {
    hint =
      token.tokenType === RParen
        ? "This ')' has no matching '('."
        : "The condition is already complete here; join further tests with && or ||.";
  }
  return error(codes.conditionSyntax, e.message, { span, hint });
}

const charHints: Readonly<Record<string, string>> = {
  '"': "String literals use single quotes: 'paid'.",
  "=": "Compare with == (a single = is not an operator).",
  "&": "Join tests with && (and) or || (or).",
  "!": "Use != for 'not equal'; there is no ! operator.",
  "[": "Paths cannot index lists; iterate with any?, all? or none? instead.",
  "?": "Operators such as nil? and include? are written as one word after a space: (order.note nil?).",
  "-": "Negative numbers are written with the digit right after the minus: -3.",
};

export function lexErrorToDiagnostic(
  e: ILexingError,
  text: string,
  lines: LineIndex,
): Diagnostic {
  const bad = text.slice(e.offset, e.offset + e.length);
  const shown = bad.length > MAX_SHOWN ? `${bad.slice(0, MAX_SHOWN)}…` : bad;
  return error(
    codes.conditionSyntax,
    `unexpected character${bad.length > 1 ? "s" : ""} '${shown}'`,
    {
      span: lines.span(e.offset, e.offset + e.length),
      hint:
        charHints[bad.charAt(0)] ??
        "A condition contains paths, operators, quoted strings, numbers, true/false, parentheses, && and ||.",
    },
  );
}
