/**
 * `parsePython`: Python text → `Result<Module>`, the production fast path for model output.
 *
 *   text ─ size check ─ lexPython (tokens + lexical diagnostics)
 *        ─ findExcessiveNesting (py-too-deep, before any recursion)
 *        ─ fastParseModule (AST straight from the tokens, for code inside the subset)
 *        ─ or else: PythonParser (chevrotain CST, shared instance) ─ parserErrorToDiagnostic
 *          ─ cstToAst (AST with spans + py-unsupported / py-syntax checks)
 *
 * All lexical diagnostics are reported. A parser error is reported when its token comes
 * before the first lexical error: after one, the token stream may be damaged and the
 * parser's complaint would be a consequence rather than a second problem. Never throws: an
 * unexpected exception becomes an internal-error diagnostic (a stack overflow, only
 * possible with a caller-raised `maxDepth`, becomes `py-too-deep`).
 */
import type { IToken } from "chevrotain";
import { codes } from "../../diagnostics/codes.js";
import {
  error,
  fail,
  ok,
  type Diagnostic,
  type Result,
} from "../../diagnostics/diagnostic.js";
import { createLineIndex, type LineIndex } from "../../source/line-index.js";
import type { Module } from "../ast/nodes.js";
import { cstToAst } from "./cst-to-ast.js";
import type { ModuleCstNode } from "./cst.generated.js";
import {
  chevrotainTokens,
  lexPython,
  lexPythonTable,
  type TokenTable,
} from "./lexer.js";
import { createSequentialLineIndex } from "./sequential-line-index.js";
import { fastParseModule } from "./fast-parse.js";
import { findExcessiveNesting } from "./nesting.js";
import { parserErrorToDiagnostic } from "./parse-errors.js";
import { getPythonParser } from "./parser-instance.js";

export interface ParsePythonOptions {
  /** Longest accepted text, in UTF-16 code units. Default 1,000,000. */
  readonly maxLength?: number;
  /** Deepest accepted nesting of blocks, brackets and prefix operators. Default 100. */
  readonly maxDepth?: number;
}

const defaultMaxLength = 1_000_000;
/** Not a user error, so not in `codes.ts`: a bug in this parser, reported instead of thrown. */
const internalErrorCode = "internal-error";
const defaultMaxDepth = 100;

const byPosition = (a: Diagnostic, b: Diagnostic): number =>
  (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0);

export function parsePython(
  text: string,
  options: ParsePythonOptions = {},
): Result<Module> {
  return parse(text, options, true);
}

/** `parsePython` without its fast path (for the test that the two paths agree). */
export function parsePythonWithoutFastPath(
  text: string,
  options: ParsePythonOptions = {},
): Result<Module> {
  return parse(text, options, false);
}

/**
 * The module `parsePython(text)` answers when its fast path answers (code inside the
 * subset, without any lexical problem), else `undefined`: then only the full parser can
 * tell whether the text is valid, and what is wrong with it. For `compile`, which asks
 * tree-sitter for the diagnostics of invalid text anyway.
 */
export function parsePythonFastPath(
  text: string,
  options: ParsePythonOptions = {},
): Module | undefined {
  if (text.length > (options.maxLength ?? defaultMaxLength)) return undefined;
  try {
    const lines = createSequentialLineIndex(text);
    const lexed = lexPythonTable(text, lines);
    if (lexed.diagnostics.length > 0) return undefined;
    const maxDepth = options.maxDepth ?? defaultMaxDepth;
    const { types, count } = lexed.tokens;
    if (findExcessiveNesting(types, count, maxDepth) !== undefined)
      return undefined;
    return fastParse(lexed.tokens, lines, text.length);
  } catch {
    // Whatever went wrong, `parsePython` reports it.
    return undefined;
  }
}

function parse(
  text: string,
  options: ParsePythonOptions,
  fastPath: boolean,
): Result<Module> {
  const maxLength = options.maxLength ?? defaultMaxLength;
  if (text.length > maxLength) {
    return fail([
      error(
        codes.pyTooLarge,
        `the Python text is too large (${text.length} characters, the limit is ${maxLength})`,
        {
          hint: "split the workflow or raise maxLength",
        },
      ),
    ]);
  }
  try {
    return parseChecked(text, options.maxDepth ?? defaultMaxDepth, fastPath);
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return fail([
        error(
          codes.pyTooDeep,
          "the Python text is nested too deeply to parse",
          { hint: "lower maxDepth or flatten the code" },
        ),
      ]);
    }
    const detail = e instanceof Error ? e.message : String(e);
    return fail([
      error(
        internalErrorCode,
        `internal error in the Python parser: ${detail}`,
        { hint: "please report this input" },
      ),
    ]);
  }
}

function parseChecked(
  text: string,
  maxDepth: number,
  fastPath: boolean,
): Result<Module> {
  const lines = createSequentialLineIndex(text);
  const lexed = lexPythonTable(text, lines);
  const lexical = lexed.diagnostics;
  const firstLexicalError = lexical.reduce(
    (min, d) =>
      d.code === codes.pyUnsupported
        ? min
        : Math.min(min, d.span?.start.offset ?? 0),
    Number.POSITIVE_INFINITY,
  );
  const deep = findExcessiveNesting(
    lexed.tokens.types,
    lexed.tokens.count,
    maxDepth,
  );
  if (deep !== undefined) {
    const tooDeep = error(
      codes.pyTooDeep,
      `the code is nested more than ${maxDepth} levels deep`,
      {
        span: lines.span(
          lexed.tokens.starts[deep] ?? 0,
          lexed.tokens.ends[deep] ?? 0,
        ),
        hint: "flatten the nesting (fewer nested blocks, brackets or operators)",
      },
    );
    return fail([...lexical, tooDeep].sort(byPosition));
  }
  if (fastPath && lexical.length === 0) {
    const fast = fastParse(lexed.tokens, lines, text.length);
    if (fast !== undefined) return ok(fast);
  }
  const tokens = chevrotainTokens(lexed.tokens);
  const parser = getPythonParser();
  const cst = parser.parseModule(tokens);
  const parseError = parser.errors[0];
  if (parseError !== undefined) {
    const diagnostic = parserErrorToDiagnostic(
      parseError,
      tokens,
      lines,
      text.length,
    );
    const found = Number.isFinite(parseError.token.startOffset)
      ? parseError.token.startOffset
      : text.length;
    const independent = found < firstLexicalError;
    // Never an empty failure: without a lexical error the parser's diagnostic is always kept.
    return fail(
      independent || lexical.length === 0
        ? [...lexical, diagnostic].sort(byPosition)
        : lexical,
    );
  }
  const converted = cstToAst(cst as ModuleCstNode, lines, text.length);
  const diagnostics = [...lexical, ...converted.diagnostics].sort(byPosition);
  return diagnostics.length > 0 ? fail(diagnostics) : ok(converted.module);
}

/**
 * `fastParseModule`, except that running out of stack (possible only with a caller-raised
 * `maxDepth`) leaves the decision to the full parser instead of ending the parse.
 */
function fastParse(
  tokens: TokenTable,
  lines: LineIndex,
  length: number,
): Module | undefined {
  try {
    return fastParseModule(tokens, lines, length);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/** For tests and tools: the raw token stream of `text`. */
export function tokenizePython(text: string): {
  readonly tokens: readonly IToken[];
  readonly diagnostics: readonly Diagnostic[];
} {
  return lexPython(text, createLineIndex(text));
}
