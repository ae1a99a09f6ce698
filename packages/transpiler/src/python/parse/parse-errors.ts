/**
 * Turns a chevrotain recognition exception into a human diagnostic: `expected ':' after
 * the if condition`, `unexpected indent`, `expected an expression after '='`, never
 * chevrotain's internal token names. The message depends on the exception kind, the rule
 * it happened in, the expected token (recorded by the grammar's message provider), and
 * the tokens around it.
 */
import {
  EOF,
  tokenMatcher,
  type IRecognitionException,
  type IToken,
  type TokenType,
} from "chevrotain";
import { codes } from "../../diagnostics/codes.js";
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { LineIndex } from "../../source/line-index.js";
import * as T from "./tokens.js";

interface ErrorSite {
  readonly kind: string;
  readonly rule: string;
  readonly ruleStack: readonly string[];
  readonly expected: string;
  readonly found: IToken;
  readonly previous: IToken | undefined;
  readonly tokens: readonly IToken[];
}

interface Described {
  readonly code?: string;
  readonly message: string;
  readonly hint?: string;
}

const tokenTypesByName: ReadonlyMap<string, TokenType> = new Map(
  T.tokenVocabulary.map((t) => [t.name, t]),
);

const virtual = (t: IToken): boolean =>
  t.tokenType === EOF ||
  t.tokenType === T.Newline ||
  t.tokenType === T.Indent ||
  t.tokenType === T.Dedent;

const operandEnd = new Set<TokenType>([
  T.Name,
  T.NumberLiteral,
  T.StringLiteral,
  T.True,
  T.False,
  T.None,
  T.RParen,
  T.RBracket,
  T.RBrace,
]);

/** How a token is shown in messages. */
export function describeToken(t: IToken): string {
  switch (t.tokenType) {
    case T.Name:
      return `name '${t.image}'`;
    case T.NumberLiteral:
      return `number ${t.image}`;
    case T.StringLiteral:
      return "string literal";
    case T.Newline:
      return "end of line";
    case T.Indent:
      return "indent";
    case T.Dedent:
      return "end of the indented block";
    case EOF:
      return "end of input";
    default:
      return `'${t.image}'`;
  }
}

function expectedLabel(name: string): string {
  const type = tokenTypesByName.get(name);
  return type?.LABEL ?? name;
}

/** The first token of the logical line that ends just before `previous` (a block header's keyword). */
function headerKeyword(
  tokens: readonly IToken[],
  previous: IToken | undefined,
): IToken | undefined {
  if (previous === undefined) return undefined;
  let i = tokens.indexOf(previous) - 1;
  while (i > 0) {
    const before = tokens[i - 1]?.tokenType;
    if (before === T.Newline || before === T.Indent || before === T.Dedent)
      break;
    i--;
  }
  return tokens[i];
}

function closingHint(found: IToken, what: string): string {
  return found.tokenType === T.Comma
    ? "remove the extra ','"
    : `did you forget a comma or the closing ${what}?`;
}

function mismatch(site: ErrorSite): Described {
  const { expected, rule, found, previous } = site;
  const afterElse = previous?.tokenType === T.Else;
  const foundText = describeToken(found);
  switch (expected) {
    case "Colon": {
      const where: Readonly<Record<string, string>> = {
        ifStatement: afterElse ? "after 'else'" : "after the if condition",
        elifClause: "after the elif condition",
        forStatement: afterElse ? "after 'else'" : "after the for loop header",
        withStatement: "after the with items",
        functionDef: "after the function signature",
        test: "after the lambda parameters",
      };
      const hint =
        found.tokenType === T.Equals
          ? "use '==' to compare values"
          : "a block header ends with ':'";
      return {
        message:
          `expected ':' ${where[rule] ?? ""}`.trimEnd() +
          `, found ${foundText}`,
        hint,
      };
    }
    case "In":
      return {
        message: `expected 'in' after the loop variable, found ${foundText}`,
        hint: "write: for name in iterable:",
      };
    case "Name": {
      const what =
        rule === "functionDef"
          ? "a function name after 'def'"
          : rule === "operand"
            ? "an attribute name after '.'"
            : "a name";
      const hint =
        tokenMatcher(found, T.Plain) &&
        found.tokenType !== T.Name &&
        /^[a-zA-Z]/.test(found.image)
          ? `'${found.image}' is a reserved word and cannot be used as a name`
          : "names start with a letter or '_'";
      return { message: `expected ${what}, found ${foundText}`, hint };
    }
    case "LParen":
      return {
        message: `expected '(' after the function name, found ${foundText}`,
        hint: "write: def name(parameters):",
      };
    case "RParen": {
      if (rule === "operand" && previous?.tokenType === T.LParen) {
        return {
          message: `expected an argument or ')', found ${foundText}`,
          hint: closingHint(found, "parenthesis"),
        };
      }
      const what =
        rule === "operand"
          ? "after a call argument"
          : rule === "functionDef"
            ? "in the parameter list"
            : "";
      return {
        message: `expected ${what === "" ? "')'" : `',' or ')' ${what}`}, found ${foundText}`,
        hint: closingHint(found, "parenthesis"),
      };
    }
    case "RBracket":
      return {
        message: `expected ',' or ']', found ${foundText}`,
        hint: closingHint(found, "bracket"),
      };
    case "RBrace":
      return {
        message: `expected ',' or '}', found ${foundText}`,
        hint: closingHint(found, "brace"),
      };
    case "Else":
      return {
        message: "expected 'else' after 'if' expression",
        hint: "conditional expressions need both branches: a if cond else b",
      };
    case "Indent": {
      const header = headerKeyword(site.tokens, previous);
      const line =
        header?.startLine === undefined ? "" : ` on line ${header.startLine}`;
      const what =
        header === undefined || header.tokenType === T.Name
          ? "the block header"
          : `'${header.image}' statement`;
      return {
        code: codes.pyIndentation,
        message: `expected an indented block after ${what}${line}`,
        hint: "indent the body under the ':' line (4 spaces)",
      };
    }
    case "Newline":
      if (rule === "decorated")
        return {
          message: `expected end of line after the decorator, found ${foundText}`,
        };
      return unexpected(site);
    case "Dedent":
      return unexpected(site);
    default:
      return {
        message: `expected ${expectedLabel(expected)}, found ${foundText}`,
      };
  }
}

const expressionRules = new Set([
  "assignedValue",
  "starList",
  "test",
  "operand",
  "argument",
  "braceItem",
  "targetList",
  "sequence",
  "disjunction",
  "namedExpression",
  "yieldExpression",
]);
const compoundStarts = new Set<TokenType>([
  T.If,
  T.For,
  T.With,
  T.Def,
  T.Class,
  T.While,
  T.Try,
  T.At,
  T.Async,
]);

/** A token that cannot start (or continue) anything here. */
function unexpected(site: ErrorSite): Described {
  const { found, previous, rule } = site;
  const type = found.tokenType;
  if (type === T.Indent) {
    return {
      code: codes.pyIndentation,
      message: "unexpected indent",
      hint: "remove the extra indentation; only lines after a ':' header are indented",
    };
  }
  if (type === T.Else || type === T.Elif) {
    return {
      message: `'${found.image}' does not follow an if block`,
      hint: `line '${found.image}' up with its 'if' and check the indentation`,
    };
  }
  if (type === T.Except || type === T.Finally) {
    return { message: `'${found.image}' without a preceding 'try'` };
  }
  if (rule === "suite" && compoundStarts.has(type)) {
    return {
      message: "a compound statement cannot follow ':' on the same line",
      hint: "start a new, indented line after the ':'",
    };
  }
  let hint = "check for a missing operator, comma or line break";
  if (
    previous?.tokenType === T.Name &&
    previous.image === "print" &&
    !virtual(found)
  ) {
    hint = "print is a function: use print(...)";
  } else if (
    previous !== undefined &&
    operandEnd.has(previous.tokenType) &&
    operandEnd.has(type)
  ) {
    hint = "did you forget an operator or a comma between the two values?";
  } else if (type === T.Equals) {
    hint =
      "use '==' to compare values; assignments are statements of their own";
  }
  return {
    message: `invalid syntax: unexpected ${describeToken(found)}`,
    hint,
  };
}

function noViableAlternative(site: ErrorSite): Described {
  const { found, previous, rule } = site;
  if (found.tokenType === T.Indent) return unexpected(site);
  if (expressionRules.has(rule)) {
    if (virtual(found) && previous !== undefined) {
      return {
        message: `expected an expression after ${describeToken(previous)}`,
        hint: "complete the expression",
      };
    }
    const reserved =
      tokenMatcher(found, T.Plain) &&
      /^[a-zA-Z]/.test(found.image) &&
      found.tokenType !== T.Name;
    return {
      message: `expected an expression, found ${describeToken(found)}`,
      hint: reserved
        ? `'${found.image}' is a reserved word and cannot be used as a name`
        : "complete the expression",
    };
  }
  if (rule === "parameter")
    return {
      message: `expected a parameter name, found ${describeToken(found)}`,
    };
  if (rule === "decorated") {
    return {
      message: `expected 'def' after the decorators, found ${describeToken(found)}`,
      hint: "decorators must be followed by a def on the next line",
    };
  }
  return unexpected(site);
}

function describe(site: ErrorSite): Described {
  switch (site.kind) {
    case "MismatchedTokenException":
      return mismatch(site);
    case "NoViableAltException":
      return noViableAlternative(site);
    default:
      return unexpected(site);
  }
}

/** Where to point: the offending token, or just after the previous one for layout tokens. */
function siteOffsets(
  site: ErrorSite,
  textLength: number,
): { readonly start: number; readonly end: number } {
  const { found, previous } = site;
  if (!virtual(found) && Number.isFinite(found.startOffset))
    return {
      start: found.startOffset,
      end: found.startOffset + found.image.length,
    };
  if (found.tokenType === T.Indent && Number.isFinite(found.startOffset))
    return { start: found.startOffset, end: found.startOffset };
  const at =
    previous !== undefined && Number.isFinite(previous.startOffset)
      ? previous.startOffset + previous.image.length
      : textLength;
  return { start: at, end: at };
}

export function parserErrorToDiagnostic(
  ex: IRecognitionException,
  tokens: readonly IToken[],
  lines: LineIndex,
  textLength: number,
): Diagnostic {
  const ruleStack = ex.context.ruleStack;
  const previous =
    "previousToken" in ex
      ? (ex.previousToken as IToken | undefined)
      : undefined;
  const site: ErrorSite = {
    kind: ex.name,
    rule: ruleStack[ruleStack.length - 1] ?? "module",
    ruleStack,
    expected: ex.message,
    found: ex.token,
    previous:
      previous !== undefined && Number.isFinite(previous.startOffset)
        ? previous
        : undefined,
    tokens,
  };
  const described = describe(site);
  const { start, end } = siteOffsets(site, textLength);
  return error(described.code ?? codes.pySyntax, described.message, {
    span: lines.span(start, end),
    ...(described.hint === undefined ? {} : { hint: described.hint }),
  });
}
