/**
 * `parseConditionDsl`: condition DSL text (SPEC §b.2) → normal-form `Condition`.
 *
 * Well-formed conditions take `fastParseConditionDsl`; whatever it declines goes through
 * the chevrotain path below, which has the diagnostics. Its stages, each returning
 * diagnostics instead of throwing: Liquid check (SPEC §b.1) →
 * lexing (`tokens.ts`) → parenthesis-depth check on the tokens (so the recursive-descent
 * parser never sees input deep enough to exhaust the stack) → parsing (`grammar.ts`) →
 * semantics (`cst-to-condition.ts`).
 */
import { Lexer, type IToken } from "chevrotain";
import { codes } from "../../../diagnostics/codes.js";
import {
  error,
  fail,
  ok,
  type Diagnostic,
  type Result,
} from "../../../diagnostics/diagnostic.js";
import { createLineIndex, type LineIndex } from "../../../source/line-index.js";
import type { Condition } from "./condition-ast.js";
import { convertCondition } from "./cst-to-condition.js";
import { fastParseConditionDsl } from "./fast-parse-dsl.js";
import { ConditionGrammar } from "./grammar.js";
import { findLiquidMarker, MAX_CONDITION_DEPTH } from "./lexical.js";
import {
  conditionErrorMessages,
  lexErrorToDiagnostic,
  parseErrorToDiagnostic,
} from "./syntax-errors.js";
import {
  conditionTokens,
  LParen,
  RParen,
  UnterminatedString,
} from "./tokens.js";

/** Lexing errors beyond this many add noise, not information. */
const MAX_LEX_DIAGNOSTICS = 10;

interface Engine {
  readonly lexer: Lexer;
  readonly parser: ConditionGrammar;
}

/**
 * Built on first use and reused: chevrotain's grammar self-analysis costs milliseconds,
 * parsing a condition microseconds. Sharing is safe because a parse is synchronous and
 * never calls out to user code, and every call starts by assigning `parser.input`, which
 * resets the parser's position and error list; `tokenize` keeps no state between calls.
 */
let engine: Engine | undefined;

function getEngine(): Engine {
  engine ??= {
    lexer: new Lexer([...conditionTokens], { positionTracking: "onlyOffset" }),
    parser: new ConditionGrammar(conditionErrorMessages),
  };
  return engine;
}

export function parseConditionDsl(text: string): Result<Condition> {
  const fast = fastParseConditionDsl(text);
  return fast === undefined ? chevrotainParseConditionDsl(text) : ok(fast);
}

/** `parseConditionDsl` without the fast path (exported for the test that the two agree). */
export function chevrotainParseConditionDsl(text: string): Result<Condition> {
  const lines = createLineIndex(text);
  const liquid = findLiquidMarker(text);
  if (liquid !== -1) {
    return fail([
      error(
        codes.conditionLiquid,
        `Liquid '${text.slice(liquid, liquid + 2)}' is not allowed in a condition`,
        {
          span: lines.span(liquid, liquid + 2),
          hint: "Conditions are not Liquid: write the path directly, e.g. (order.totalPrice > 100).",
        },
      ),
    ]);
  }
  const { lexer, parser } = getEngine();
  const lexed = lexer.tokenize(text);
  if (lexed.errors.length > 0) {
    return fail(
      lexed.errors
        .slice(0, MAX_LEX_DIAGNOSTICS)
        .map((e) => lexErrorToDiagnostic(e, text, lines)),
    );
  }
  const tokenProblem = checkTokens(lexed.tokens, text, lines);
  if (tokenProblem !== undefined) return fail([tokenProblem]);

  parser.input = lexed.tokens;
  const cst = parser.condition();
  const parseError = parser.errors[0];
  if (parseError !== undefined)
    return fail([parseErrorToDiagnostic(parseError, lines, text.length)]);

  const diagnostics: Diagnostic[] = [];
  const condition = convertCondition(cst, { lines, diagnostics });
  return condition === undefined || diagnostics.length > 0
    ? fail(diagnostics)
    : ok(condition);
}

/** Problems visible in the token stream alone: emptiness, open strings, excessive depth. */
function checkTokens(
  tokens: readonly IToken[],
  text: string,
  lines: LineIndex,
): Diagnostic | undefined {
  if (tokens.length === 0) {
    return error(codes.conditionSyntax, "empty condition", {
      span: lines.span(0, text.length),
      hint: "Write at least one test, e.g. (order.totalPrice > 100).",
    });
  }
  let depth = 0;
  for (const t of tokens) {
    if (t.tokenType === UnterminatedString) {
      return error(codes.conditionSyntax, "unterminated string literal", {
        span: lines.span(t.startOffset, t.startOffset + t.image.length),
        hint: "Close the string with a single quote; a string cannot contain ' itself.",
      });
    }
    if (t.tokenType === LParen && ++depth > MAX_CONDITION_DEPTH) {
      return error(
        codes.conditionSyntax,
        `condition nested deeper than ${MAX_CONDITION_DEPTH} parentheses`,
        {
          span: lines.span(t.startOffset, t.startOffset + 1),
          hint: "Remove redundant parentheses or split the logic into several condition steps.",
        },
      );
    }
    if (t.tokenType === RParen) depth--;
  }
  return undefined;
}
