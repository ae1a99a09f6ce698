/**
 * `parsePython`: Python text → `Result<Module>`, the production fast path for model output.
 *
 *   text ─ size check ─ lexPython (tokens + lexical diagnostics)
 *        ─ findExcessiveNesting (py-too-deep, before any recursion)
 *        ─ fastParseModule (AST straight from the tokens, for code inside the subset)
 *        ─ or else: PythonParser (chevrotain CST, shared instance) ─ parserErrorToDiagnostic
 *          ─ cstToAst (AST with spans + py-unsupported / py-syntax checks)
 *
 * All lexical diagnostics are reported: the first `maxDiagnostics` (100) listed, the
 * others counted in one final `py-too-many-errors` (see `capped`). A parser error is
 * reported when its token comes before the first lexical error: after one, the token
 * stream may be damaged and the parser's complaint would be a consequence rather than a
 * second problem. Never throws: an unexpected exception becomes an internal-error
 * diagnostic (a stack overflow, only possible with a caller-raised `maxDepth`, becomes
 * `py-too-deep`).
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
import { lexPython } from "./lexer.js";
import { createSequentialLineIndex } from "./sequential-line-index.js";
import { fastParseModule, type FastParseReach } from "./fast-parse.js";
import { findExcessiveNesting } from "./nesting.js";
import { parserErrorToDiagnostic } from "./parse-errors.js";
import { getPythonParser } from "./parser-instance.js";
import type { Unlisted } from "./unlisted.js";

export interface ParsePythonOptions {
  /** Longest accepted text, in UTF-16 code units. Default 1,000,000. */
  readonly maxLength?: number;
  /** Deepest accepted nesting of blocks, brackets and prefix operators. Default 100. */
  readonly maxDepth?: number;
  /**
   * Most lexical and conversion diagnostics listed; the others are counted in one final
   * `py-too-many-errors` diagnostic. Default 100 (random bytes have a problem every few
   * characters, and building 25,000 diagnostics costs more than the whole parse).
   */
  readonly maxDiagnostics?: number;
}

const defaultMaxLength = 1_000_000;
/** Not a user error, so not in `codes.ts`: a bug in this parser, reported instead of thrown. */
const internalErrorCode = "internal-error";
const defaultMaxDepth = 100;
/** As in `diagnoseAll`. */
const defaultMaxDiagnostics = 100;

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
 * tree-sitter for the diagnostics of invalid text anyway. `reach` (see `FastParseReach`)
 * is left as it is when the fast path gave up before parsing (a lexical problem, too deep).
 */
export function parsePythonFastPath(
  text: string,
  options: ParsePythonOptions = {},
  reach?: FastParseReach,
): Module | undefined {
  if (text.length > (options.maxLength ?? defaultMaxLength)) return undefined;
  try {
    const lines = createSequentialLineIndex(text);
    const lexed = lexPython(text, lines);
    if (lexed.diagnostics.length > 0) return undefined;
    const maxDepth = options.maxDepth ?? defaultMaxDepth;
    if (findExcessiveNesting(lexed.tokens, maxDepth) !== undefined)
      return undefined;
    return fastParse(lexed.tokens, lines, text.length, reach);
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
    return parseChecked(
      text,
      options.maxDepth ?? defaultMaxDepth,
      Math.max(0, Math.floor(options.maxDiagnostics ?? defaultMaxDiagnostics)),
      fastPath,
    );
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
  maxListed: number,
  fastPath: boolean,
): Result<Module> {
  const lines = createSequentialLineIndex(text);
  const lexed = lexPython(text, lines, maxListed);
  const lexical = lexed.diagnostics;
  const firstLexicalError = lexical.reduce(
    (min, d) =>
      d.code === codes.pyUnsupported
        ? min
        : Math.min(min, d.span?.start.offset ?? 0),
    lexed.unlisted.firstErrorOffset,
  );
  const report = (
    found: Found,
    unlisted: Unlisted = lexed.unlisted,
  ): Result<Module> =>
    fail(capped(found, unlisted, maxListed, lines, text.length));
  const deep = findExcessiveNesting(lexed.tokens, maxDepth);
  if (deep !== undefined) {
    const tooDeep = error(
      codes.pyTooDeep,
      `the code is nested more than ${maxDepth} levels deep`,
      {
        span: lines.span(
          deep.startOffset,
          deep.startOffset + deep.image.length,
        ),
        hint: "flatten the nesting (fewer nested blocks, brackets or operators)",
      },
    );
    return report({ listed: lexical, decisive: tooDeep, sort: true });
  }
  if (fastPath && lexical.length === 0 && lexed.unlisted.count === 0) {
    const fast = fastParse(lexed.tokens, lines, text.length);
    if (fast !== undefined) return ok(fast);
  }
  const parser = getPythonParser();
  const cst = parser.parseModule(lexed.tokens);
  const parseError = parser.errors[0];
  if (parseError !== undefined) {
    const diagnostic = parserErrorToDiagnostic(
      parseError,
      lexed.tokens,
      lines,
      text.length,
    );
    const found = Number.isFinite(parseError.token.startOffset)
      ? parseError.token.startOffset
      : text.length;
    const independent = found < firstLexicalError;
    // Never an empty failure: without a lexical error the parser's diagnostic is always kept.
    return report(
      independent || (lexical.length === 0 && lexed.unlisted.count === 0)
        ? { listed: lexical, decisive: diagnostic, sort: true }
        : { listed: lexical, sort: false },
    );
  }
  const converted = cstToAst(
    cst as ModuleCstNode,
    lines,
    text.length,
    maxListed,
  );
  const unlisted = bothUnlisted(lexed.unlisted, converted.unlisted);
  return lexical.length > 0 ||
    converted.diagnostics.length > 0 ||
    unlisted.count > 0
    ? report(
        { listed: [...lexical, ...converted.diagnostics], sort: true },
        unlisted,
      )
    : ok(converted.module);
}

/** What one parse found, before the cap. */
interface Found {
  /** Lexical and conversion problems, one of many (in the order found). */
  readonly listed: readonly Diagnostic[];
  /** The one diagnostic that decides the outcome (py-too-deep, the parser's): never cut. */
  readonly decisive?: Diagnostic;
  /** In position order, or else as found (the lexer's order, kept as it always was). */
  readonly sort: boolean;
}

/**
 * The first `maxListed` of `listed` (by position when `sort`), with the decisive
 * diagnostic among them at its place; when there are more problems (listed beyond the
 * first `maxListed`, or found and only counted), one final `py-too-many-errors`
 * diagnostic says how many, from the first of them to the end of the text. Ordinary code
 * never has that many problems, so its diagnostics are never cut.
 */
function capped(
  { listed, decisive, sort }: Found,
  unlisted: Unlisted,
  maxListed: number,
  lines: LineIndex,
  length: number,
): readonly Diagnostic[] {
  const sorted = sort ? [...listed].sort(byPosition) : listed;
  const kept = sorted.slice(0, maxListed);
  // Sorting again (stable) places it as sorting it with the others would.
  const shown =
    decisive === undefined ? kept : [...kept, decisive].sort(byPosition);
  const more = sorted.length - kept.length + unlisted.count;
  if (more <= 0) return shown;
  const from = Math.min(
    unlisted.firstOffset,
    sorted[maxListed]?.span?.start.offset ?? Number.POSITIVE_INFINITY,
  );
  return [
    ...shown,
    error(
      codes.pyTooManyErrors,
      `… and ${more} more problem${more === 1 ? "" : "s"} found from here on (not listed: the limit is ${maxListed})`,
      {
        span: lines.span(Math.min(from, length), length),
        hint: "fix the problems listed above first",
      },
    ),
  ];
}

function bothUnlisted(a: Unlisted, b: Unlisted): Unlisted {
  return {
    count: a.count + b.count,
    firstOffset: Math.min(a.firstOffset, b.firstOffset),
    firstErrorOffset: Math.min(a.firstErrorOffset, b.firstErrorOffset),
  };
}

/**
 * `fastParseModule`, except that running out of stack (possible only with a caller-raised
 * `maxDepth`) leaves the decision to the full parser instead of ending the parse.
 */
function fastParse(
  tokens: readonly IToken[],
  lines: LineIndex,
  length: number,
  reach?: FastParseReach,
): Module | undefined {
  try {
    return fastParseModule(tokens, lines, length, reach);
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
