/**
 * `diagnoseAll`: every syntax error and unsupported construct in one Python text, for
 * model output that is usually wrong in several places at once.
 *
 * The tree-sitter frontend already reports every ERROR/MISSING node, and, when the syntax
 * is clean, every unsupported construct. What it cannot report: unsupported constructs in
 * a file that also has a syntax error (conversion is skipped), and errors hidden behind
 * the first one when tree-sitter's recovery swallows the following lines (`x = 1 +` on two
 * lines in a row gives one ERROR node). So the text is parsed again with each erroneous
 * line replaced by a same-length placeholder (`0`, or `if 1:` for a block header, keeping
 * every offset and the block structure), until no new line has an error. A line whose
 * brackets open or close on other lines, or that starts or ends inside a string, goes with
 * its whole logical statement (placeholder on the first line, spaces on the others; see
 * `statement-extents.ts`): blanked alone, it would leave the statement's other brackets or
 * quotes unbalanced, and each round would find a valid line further on wrong. Errors that run to the end of the text (an unclosed bracket or
 * string) cannot be skipped that way and stop the repetition.
 *
 * Bounded cost on any input (it sits on every request that the fast parser rejects):
 * - at most `MAX_REPORTED` (100) diagnostics are listed; beyond that one final
 *   `py-too-many-errors` diagnostic says how many more there are, and the rounds stop;
 * - text that would make tree-sitter's error recovery slow (more than `MAX_SUSPICIOUS`
 *   suspicious tokens, see `find-check-limit.ts`: random bytes, token soups, thousands
 *   of broken lines) is checked up to the point where that budget runs out, and a final
 *   `py-too-many-errors` diagnostic covers the rest ("checking stopped at line L");
 * - so does text with more than `MAX_SUSPICIOUS` problems that are not syntax errors (a
 *   flood of imports, `return`s, `while` loops or unexpected indents, see
 *   `find-check-limit.ts`), after the line of the 101st ("too many problems"); should the
 *   text before it hold fewer than 100 problems (the count was wrong), the whole text is
 *   checked as before;
 * - more than 200 nested brackets stop checking at the 201st with CPython's "too many
 *   nested parentheses";
 * - a statement of more than `MAX_LINE_TOKENS` (5,000) tokens on one line (20,000 short
 *   tokens cost tree-sitter as much as 100 KB of ordinary code) stops checking at its
 *   5,001st token with a `py-too-large` diagnostic that covers the rest, unless the fast
 *   parser accepts the whole text;
 * - a round whose text has no syntax error asks the fast parser first: when it accepts the
 *   text, tree-sitter's conversion (as costly as its parse) would find nothing either;
 * - so valid text, the usual case, is asked to the fast parser before any round (unless a
 *   suspicious token says it is not valid): when it accepts the whole text, round 0 would
 *   end without a diagnostic, and tree-sitter is not run at all (a property test checks
 *   that the answer is the same);
 * - text of `PIECES_FROM` (8,000) characters or more is cut into pieces of whole
 *   statements of at least 1,000 (`statement-pieces.ts`; a workflow's body is cut
 *   at its statements): the fast parser reads each, and the rounds run only on the pieces
 *   it rejects. A mistake spoils one statement, but each round re-parsed the whole text
 *   (tree-sitter reuses little of a tree with errors), and errors that run to the end of
 *   the text (an unclosed bracket) stopped the rounds before the errors above them were
 *   found.
 * Ordinary model output (a handful of mistakes) is never cut or capped.
 *
 * Deterministic: same text → same diagnostics in the same order (by position, then code
 * and message), without duplicates.
 */
import { codes } from "../diagnostics/codes.js";
import { assertNever } from "../diagnostics/errors.js";
import { error, type Diagnostic } from "../diagnostics/diagnostic.js";
import {
  DEFAULT_MAX_LENGTH,
  loadTreeSitterPython,
  type ParseSession,
  type TreeSitterPython,
} from "../python/tree-sitter/load-tree-sitter.js";
import type { FastParseReach } from "../python/parse/fast-parse.js";
import { parsePythonFastPath } from "../python/parse/parse-python.js";
import { createLineIndex } from "../source/line-index.js";
import type { Position } from "../source/span.js";
import {
  MAX_LINE_TOKENS,
  measureCheck,
  type CheckLimit,
  type CheckMeasure,
} from "./find-check-limit.js";
import { splitLines, type TextLine } from "./split-lines.js";
import {
  bracketStatementOf,
  continuesStatement,
  endsWithColon,
  statementExtents,
  type LineRange,
  type StatementExtents,
} from "./statement-extents.js";
import { statementPieces, type StatementPiece } from "./statement-pieces.js";

/** Each round fixes at least one line; real model output needs two or three. */
const MAX_ROUNDS = 8;

/** Diagnostics listed before the final "… and K more". */
export const MAX_REPORTED = 100;

/**
 * Suspicious tokens checked at most: as many as the diagnostics listed. tree-sitter spends
 * up to ~100 µs on one in dense garbage, so this keeps error recovery within ~10 ms;
 * ordinary model output has a few.
 */
const MAX_SUSPICIOUS = MAX_REPORTED;

/** Errors that swallow the rest of the text: skipping their line would invent new ones. */
const RUNS_TO_END = /never closed|unterminated|unexpected EOF/;

interface Found {
  readonly diagnostic: Diagnostic;
  readonly round: number;
}

export async function diagnoseAll(
  python: string,
): Promise<readonly Diagnostic[]> {
  return diagnoseAllWith(await loadTreeSitterPython(), python);
}

/** `diagnoseAll` with a parser already loaded: synchronous. */
export function diagnoseAllWith(
  parser: TreeSitterPython,
  python: string,
): readonly Diagnostic[] {
  const measured = measureOf(python);
  const limit = measured?.limit;
  // Text checked whole is asked to the fast parser first: it reads valid code in a third
  // of tree-sitter's parse, and where it vouches, round 0 would end without a diagnostic
  // (its syntax pass agrees, and then the same judge skips the conversion). Not text with
  // a suspicious token, which almost surely fails anyway (and then round 0 asks as
  // before). Checking stops at a long line, but valid code may have one: the fast parser
  // reads it.
  const first = limit === undefined && measured?.suspicious === 0;
  const reach: FastParseReach = { readUpTo: 0 };
  if (
    (first || limit?.reason === "long-line") &&
    fastParserAccepts(python, reach)
  )
    return [];
  return diagnoseAllWithin(parser, python, limit, first, reach.readUpTo);
}

/**
 * Whether the fast parser vouches for `python`, so that tree-sitter's conversion (which
 * costs about as much as its parse) can be skipped when tree-sitter finds no syntax error:
 * the two frontends agree on the subset (alignment.test.ts) except on the known difference,
 * and on chains of ~1,000 trailers (`a.a.a…`), which only tree-sitter's stack guard refuses
 * (`MAX_FRAMES`); both keep tree-sitter's answer.
 */
export function fastParserAccepts(
  python: string,
  reach?: FastParseReach,
): boolean {
  if (SPACES_THEN_TAB.test(python)) return false;
  const module = parsePythonFastPath(python, {}, reach);
  return module !== undefined && !nestedDeeperThan(module, MAX_FAST_DEPTH);
}

/**
 * Object levels of an AST trusted without tree-sitter: tree-sitter's converter stops at
 * 1,000 nested frames, one per AST level plus at most one per bracket (100 at most);
 * corpus code has fewer than 30 levels.
 */
const MAX_FAST_DEPTH = 200;

/**
 * Whether `root` (plain data: objects and arrays) nests more than `limit` levels, spans
 * aside. Two parallel stacks and `for…in`: it visits every node of a 100 KB module, and
 * an entry array plus a record per child cost more than the fast parse itself.
 */
function nestedDeeperThan(root: object, limit: number): boolean {
  const values: object[] = [root];
  const depths: number[] = [0];
  for (let value = values.pop(); value !== undefined; value = values.pop()) {
    const depth = depths.pop() ?? 0;
    if (depth > limit) return true;
    if (Array.isArray(value)) {
      for (const child of value as readonly unknown[])
        if (typeof child === "object" && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
      continue;
    }
    const record = value as Readonly<Record<string, unknown>>;
    for (const key in record) {
      const child = record[key];
      if (key !== "span" && typeof child === "object" && child !== null) {
        values.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/**
 * An indentation of spaces then a tab: tree-sitter counts the tab as 8 columns, CPython
 * (and the fast and full parsers) to the next multiple of 8, so tree-sitter may reject
 * valid code (test/python-tree-sitter/known-differences.ts).
 */
export const SPACES_THEN_TAB = /^[ \f]+\t/m;

/**
 * Where `diagnoseAll` stops checking `python` (see `find-check-limit.ts`), for a caller
 * that needs it before (`compile` routes dense garbage by it) and passes it on to
 * `diagnoseAllWithin` instead of measuring the text twice.
 */
export function checkLimitOf(python: string): CheckLimit | undefined {
  return measureOf(python)?.limit;
}

function measureOf(python: string): CheckMeasure | undefined {
  // Too large is reported by the parser without parsing; nothing to measure then.
  return python.length > DEFAULT_MAX_LENGTH
    ? undefined
    : measureCheck(python, MAX_SUSPICIOUS);
}

/**
 * `diagnoseAllWith`, given `checkLimitOf(python)`; `fastParserRejected` when the caller
 * knows that the fast parser rejects `python` (it is not asked again), and `readUpTo`
 * where it gave up (`FastParseReach`): the statements that end before it are valid.
 */
export function diagnoseAllWithin(
  parser: TreeSitterPython,
  python: string,
  limit: CheckLimit | undefined,
  fastParserRejected: boolean,
  readUpTo = 0,
): readonly Diagnostic[] {
  if (limit === undefined)
    return capped(
      python,
      diagnoseText(parser, python, fastParserRejected, readUpTo),
    );
  const checked = python.slice(0, limit.offset);
  const found = diagnoseText(parser, checked, false, readUpTo).filter(
    (d) => !cutArtifact(d, checked, limit),
  );
  // Fewer problems than counted: the count was wrong (a syntax error hides the constructs
  // of its line from the conversion) or tree-sitter's recovery read the shorter text
  // differently; checking the whole text as before is then the answer.
  if (limit.reason === "problems" && found.length < MAX_REPORTED)
    return diagnoseAllWithin(
      parser,
      python,
      measureCheck(python, MAX_SUSPICIOUS, Infinity).limit,
      false,
      readUpTo,
    );
  return [
    ...found.slice(0, MAX_REPORTED),
    stopDiagnostic(python, limit, found.length - MAX_REPORTED),
  ];
}

/**
 * The repeated parses described above, on each piece of `python` that the fast parser
 * rejects (see `statement-pieces.ts`), until more than `MAX_REPORTED` are found.
 */
function diagnoseText(
  parser: TreeSitterPython,
  python: string,
  fastParserRejected: boolean,
  readUpTo: number,
): Diagnostic[] {
  if (python.length < PIECES_FROM)
    return diagnoseStatements(parser, python, fastParserRejected);
  const lines = splitLines(python);
  const extents = statementExtents(python, lines);
  const pieces = statementPieces(python, lines, extents, MIN_PIECE_LENGTH);
  if (pieces.length < 2)
    return diagnoseStatements(parser, python, fastParserRejected);
  const found: Diagnostic[] = [];
  let rejectedPieces = 0;
  for (let k = 0; k < pieces.length && found.length <= MAX_REPORTED; k++) {
    const piece = pieces[k] ?? pieces[0]!;
    const last = (pieces[k + 1]?.first ?? lines.length) - 1;
    // Read already by the fast parser on the whole text (strictly before where it gave
    // up: a header left without its body fails on the next line's first token).
    if ((lines[last]?.next ?? python.length) < readUpTo) continue;
    const cut = pieceText(python, lines, extents, piece, last);
    if (fastParserAccepts(cut.text)) continue;
    rejectedPieces++;
    // None: valid code that the fast parser does not read (tree-sitter's conversion
    // vouches for it then). The piece is parsed alone: empty lines in front, to keep its
    // line numbers, cost tree-sitter more than the piece itself far into a long text.
    const own = diagnoseStatements(parser, cut.text, true);
    // A position past the piece's last line (the end of the text) goes to its end.
    const at = (p: Position): Position => {
      const j = p.line - 1;
      const line = p.line + piece.first;
      if (j >= cut.starts.length)
        return { ...p, offset: lines[last]?.next ?? python.length, line };
      const removed = cut.removed[j] ?? 0;
      return {
        offset:
          (lines[piece.first + j]?.start ?? 0) +
          removed +
          (p.offset - (cut.starts[j] ?? 0)),
        line,
        column: p.column + removed,
      };
    };
    for (const d of own)
      found.push(
        d.span === undefined
          ? d
          : {
              ...d,
              // The only line number in a message of tree-sitter's path: "expected an
              // indented block after 'for' statement on line 3".
              message: d.message.replace(
                ON_LINE,
                (_, n: string) => ` on line ${Number(n) + piece.first}`,
              ),
              span: { start: at(d.span.start), end: at(d.span.end) },
            },
      );
  }
  // The fast parser vouched for every piece but not for the whole text: a piece read
  // differently on its own (not known to happen); the whole text is checked then.
  if (rejectedPieces === 0 && fastParserRejected)
    return diagnoseStatements(parser, python, true);
  return found;
}

/**
 * Ordinary model output (a few KB) is checked whole; longer text in pieces of 1,000
 * characters or more. The fast parser reads 100 KB in such pieces in about twice the time
 * it takes for the whole (2.7 ms), and pieces of 4,000 would halve that; but text with an
 * error every few statements runs the rounds on most of its pieces, and those of 1,000
 * cost a quarter as much (201 mutated 100 KB files: median 12.7 ms with 4,000, 11.9 with
 * 1,000; an error every 20 lines: 65 ms, 48).
 */
const PIECES_FROM = 8_000;
const MIN_PIECE_LENGTH = 1_000;
const ON_LINE = / on line (\d+)$/;

/** A piece's lines, dedented (see `StatementPiece`). */
interface PieceText {
  readonly text: string;
  /** Where each of its lines starts in `text`, and how many columns it lost. */
  readonly starts: readonly number[];
  readonly removed: readonly number[];
}

function pieceText(
  python: string,
  lines: readonly TextLine[],
  extents: StatementExtents,
  piece: StatementPiece,
  last: number,
): PieceText {
  const parts: string[] = [];
  const starts: number[] = [];
  const removed: number[] = [];
  let length = 0;
  for (let l = piece.first; l <= last; l++) {
    const line = lines[l];
    if (line === undefined) break;
    let cut = 0;
    if (!continuesStatement(extents, l))
      while (cut < piece.dedent && python.charCodeAt(line.start + cut) === 0x20)
        cut++;
    const part = python.slice(line.start + cut, line.next);
    starts.push(length);
    removed.push(cut);
    parts.push(part);
    length += part.length;
  }
  return { text: parts.join(""), starts, removed };
}

/** The rounds on the whole of `python`. */
function diagnoseStatements(
  parser: TreeSitterPython,
  python: string,
  fastParserRejected: boolean,
): Diagnostic[] {
  const session = parser.session();
  try {
    return rounds(session, python, fastParserRejected);
  } finally {
    session.close();
  }
}

function rounds(
  session: ParseSession,
  python: string,
  fastParserRejected: boolean,
): Diagnostic[] {
  const lines = splitLines(python);
  const blanked = new Set<number>();
  const found: Found[] = [];
  const seen = new Set<string>();
  let text = python;
  // Scanned on the first line that may need it: most texts never do.
  let extents: StatementExtents | undefined;
  // The column of the placeholder on the first line of each statement blanked whole.
  const statementAt = new Map<number, number>();
  // The fast parser said no to `text` already; it is asked ahead of a round once at most.
  let knownRejected = fastParserRejected;
  let askedAhead = false;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    // The judge is asked only when the syntax pass found nothing: then the conversion ran
    // (unless the judge vouched), and it reports every problem of the text.
    let converted = false;
    const judge = knownRejected ? rejected : fastParserAccepts;
    const diagnostics = session.diagnose(text, (t) => {
      converted = true;
      return judge(t);
    });
    // None: the text parses.
    if (diagnostics.length === 0) break;
    const fresh = diagnostics
      .filter(
        (d) => d.span === undefined || !blanked.has(d.span.start.line - 1),
      )
      .map((d) =>
        round === 0 ? d : namingTheText(d, text, python, lines, blanked),
      );
    for (const diagnostic of fresh) {
      found.push({ diagnostic, round });
      seen.add(keyOf(diagnostic));
    }
    // Nothing more to uncover after the conversion (some of its problems are py-syntax
    // too, such as a positional argument after a keyword one), or after a size limit.
    if (converted || diagnostics.some((d) => d.code !== "py-syntax")) break;
    // More rounds could only add to a list that is cut at MAX_REPORTED anyway.
    if (seen.size > MAX_REPORTED) break;
    const toBlank = new Set<number>();
    // An error on a placeholder line is caused by the line above (an unfinished statement).
    // Not one after the placeholder of a statement blanked whole: that is the error found
    // at the statement's end before, on the token that follows it.
    for (const d of diagnostics) {
      const l = (d.span?.start.line ?? 0) - 1;
      if (
        d.span !== undefined &&
        blanked.has(l) &&
        !RUNS_TO_END.test(d.message) &&
        (statementAt.get(l) ?? d.span.start.column) === d.span.start.column
      ) {
        const above = previousCodeLine(python, lines, l);
        if (above >= 0 && !blanked.has(above)) toBlank.add(above);
      }
    }
    for (const d of fresh) {
      if (d.span === undefined || RUNS_TO_END.test(d.message)) continue;
      if (d.code === "py-syntax" || d.code === "py-indentation")
        toBlank.add(d.span.start.line - 1);
    }
    const blanks: Blank[] = [];
    for (const l of toBlank) {
      extents ??= statementExtents(python, lines);
      blanks.push(
        statementBlank(python, lines, extents, l) ??
          lineBlank(text, python, lines, l),
      );
    }
    const next = blankLines(text, python, lines, blanks);
    if (next === undefined) break;
    for (const b of blanks) {
      for (let l = b.first; l <= b.last; l++) blanked.add(l);
      if (b.first < b.last)
        statementAt.set(b.first, indentOf(python, lines, b.first) + 1);
    }
    text = next;
    knownRejected = false;
    // Once every error found is blanked, the next round is usually clean, and tree-sitter's
    // re-parse of a text whose errors are gone costs nearly a full parse (little of a tree
    // with errors is reused): the fast parser, asked first, ends the rounds for a fraction
    // of that where it vouches (a clean round would end them with the same answer, see
    // `diagnoseAllWith`). Once only: in a cascade each round finds more errors.
    if (
      !askedAhead &&
      round + 1 < MAX_ROUNDS &&
      diagnostics.every(
        (d) =>
          d.span !== undefined &&
          blanked.has(d.span.start.line - 1) &&
          !RUNS_TO_END.test(d.message),
      )
    ) {
      askedAhead = true;
      if (fastParserAccepts(text)) break;
      knownRejected = true;
    }
  }
  return finish(python, lines, found);
}

const rejected = (): boolean => false;

/**
 * `d` naming the token of `python` where it names a placeholder: an error that starts on
 * a line kept and runs into a blanked one (`if x` without its `:`, then the placeholder
 * `0` of the body's first line) would show the model a `0` it never wrote.
 */
function namingTheText(
  d: Diagnostic,
  text: string,
  python: string,
  lines: readonly TextLine[],
  blanked: ReadonlySet<number>,
): Diagnostic {
  const named = UNEXPECTED_TOKEN.exec(d.message)?.[1];
  if (named === undefined || d.span === undefined) return d;
  let i = d.span.start.offset;
  let row = d.span.start.line - 1;
  while (i < text.length && WHITESPACE.test(text.charAt(i))) i++;
  if (!text.startsWith(named, i)) return d;
  while ((lines[row + 1]?.start ?? Infinity) <= i) row++;
  const line = lines[row];
  if (line === undefined || !blanked.has(row)) return d;
  const token = FIRST_TOKEN.exec(python.slice(i, line.end))?.[0];
  if (token === undefined) return d;
  return {
    ...d,
    message: `invalid syntax: unexpected \`${token.length > 30 ? `${token.slice(0, 30)}…` : token}\``,
  };
}

const UNEXPECTED_TOKEN = /^invalid syntax: unexpected `([^`]+)`$/;
const WHITESPACE = /[ \t\f\r\n]/;
const FIRST_TOKEN = /^(?:[\p{L}\p{Nl}_][\p{L}\p{N}_]*|\S)/u;

function keyOf(d: Diagnostic): string {
  return `${d.code}\u0000${d.span?.start.offset ?? -1}\u0000${d.span?.end.offset ?? -1}\u0000${d.message}`;
}

/** The first `MAX_REPORTED` diagnostics, then one that counts the others. */
function capped(
  python: string,
  all: readonly Diagnostic[],
): readonly Diagnostic[] {
  const first = all[MAX_REPORTED];
  if (first === undefined) return all;
  const more = all.length - MAX_REPORTED;
  const from = first.span?.start.offset ?? 0;
  return [
    ...all.slice(0, MAX_REPORTED),
    error(
      codes.pyTooManyErrors,
      `… and ${more} more problem${more === 1 ? "" : "s"} found from here on (only the first ${MAX_REPORTED} are listed)`,
      {
        span: createLineIndex(python).span(from, python.length),
        hint: "fix the problems listed above first",
      },
    ),
  ];
}

/**
 * Diagnostics that only exist because the text was cut: brackets whose closers were cut
 * off, and anything touching the end of the checked text (a statement cut in the middle,
 * a block header whose body was cut off). Text cut for its problems ends with a whole
 * logical line that is not a block header: nothing there is an artifact, and its last
 * line's problems are real.
 */
function cutArtifact(
  d: Diagnostic,
  checked: string,
  limit: CheckLimit,
): boolean {
  if (d.span === undefined || limit.reason === "problems") return false;
  if (
    d.message.endsWith("was never closed") &&
    limit.openBrackets.includes(d.span.start.offset)
  )
    return true;
  return d.span.end.offset >= checked.trimEnd().length;
}

function stopDiagnostic(
  python: string,
  limit: CheckLimit,
  notListed: number,
): Diagnostic {
  const span = createLineIndex(python).span(limit.offset, python.length);
  const where = `checking stopped at line ${span.start.line}, column ${span.start.column}`;
  const also =
    notListed > 0
      ? ` (${notListed} more problem${notListed === 1 ? "" : "s"} found before it are not listed)`
      : "";
  switch (limit.reason) {
    case "nesting":
      return error(codes.pySyntax, "too many nested parentheses", {
        span: { start: span.start, end: span.start },
        hint: "flatten the expression",
      });
    case "long-line":
      return error(
        codes.pyTooLarge,
        `a statement of more than ${MAX_LINE_TOKENS} tokens on one line: ${where}`,
        {
          span,
          hint: "break the line: a workflow step needs a few dozen tokens",
        },
      );
    case "dense":
      return error(
        codes.pyTooManyErrors,
        `too many syntax errors: ${where}${also}`,
        {
          span,
          hint: "fix the problems listed above first, and check that the output is Python code",
        },
      );
    case "problems":
      // Constructs outside the subset or indentation errors, each a problem of its own.
      return error(
        codes.pyTooManyErrors,
        `too many problems: ${where}${also}`,
        {
          span,
          hint: "fix the problems listed above first: the same mistakes further on are not listed",
        },
      );
    default:
      return assertNever(limit.reason, "check limit reason");
  }
}

/**
 * Lines `first` to `last` replaced: `placeholder` at the first line's indentation (padded
 * with spaces to its length), the other lines by spaces.
 */
interface Blank extends LineRange {
  readonly placeholder: string;
}

/**
 * The rule for a statement of one line: `if 1:` for a block header, `0` otherwise. A
 * header that lost its `:` (`for x in y` above an indented body) is still one: blanked to
 * `0`, its body would be reported as an unexpected indent.
 */
function lineBlank(
  text: string,
  python: string,
  lines: readonly TextLine[],
  l: number,
): Blank {
  const line = lines[l];
  const content = line === undefined ? "" : text.slice(line.start, line.end);
  const indent = indentWidth(content);
  const body = content.slice(indent);
  const header =
    body.length >= 5 &&
    (/:\s*(?:#.*)?$/.test(body) ||
      (COMPOUND_KEYWORD.test(body) &&
        indentOfNextCode(python, lines, l) > indent));
  return { first: l, last: l, placeholder: header ? "if 1:" : "0" };
}

const COMPOUND_KEYWORD =
  /^(?:if|elif|else|for|while|with|def|try|except|finally|class|async)\b/;

/**
 * Line `l`'s whole logical statement, when its brackets span other lines and the
 * statement's extent is known. Judged on the original text: some of its lines may be
 * blanked already. A block header of several lines (`def run(\n    order,\n):`) ends with
 * its `:` on the last line, and stays a header when a body follows it. A decorator with an
 * error in its arguments stays a decorator, or the decorators above it would be reported;
 * one reported at its `@` (tree-sitter's place for an error in the definition below it) is
 * taken away, as on one line, so that the error below shows.
 */
function statementBlank(
  python: string,
  lines: readonly TextLine[],
  extents: StatementExtents,
  l: number,
): Blank | undefined {
  const range = bracketStatementOf(extents, l);
  const line = range === undefined ? undefined : lines[range.first];
  if (range === undefined || line === undefined) return undefined;
  const content = python.slice(line.start, line.end);
  const indent = indentWidth(content);
  const body = content.slice(indent);
  const header =
    endsWithColon(extents, range.last) &&
    indentOfNextCode(python, lines, range.last) > indent;
  const placeholder = header
    ? DEFINITION.test(body) && body.length >= DEF_PLACEHOLDER.length
      ? DEF_PLACEHOLDER
      : "if 1:"
    : body.startsWith("@") && l > range.first
      ? "@0"
      : "0";
  // Too short a first line for its placeholder: the line alone, as before.
  if (body.length < placeholder.length) return undefined;
  return { ...range, placeholder };
}

/** A definition stays one, or the decorators above it would be reported. */
const DEFINITION = /^(?:async\s+)?def\s/;
const DEF_PLACEHOLDER = "def _():";

function indentOf(
  python: string,
  lines: readonly TextLine[],
  l: number,
): number {
  const line = lines[l];
  return line === undefined
    ? 0
    : indentWidth(python.slice(line.start, line.end));
}

/** Spaces and tabs at the start of `content`. */
function indentWidth(content: string): number {
  let i = 0;
  while (i < content.length) {
    const c = content.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) break;
    i++;
  }
  return i;
}

/**
 * The indentation of the first line of code after line `l`, -1 at the end: a header
 * without a body blanked to `if 1:` would be reported on its own lines, and the line above
 * blamed for it.
 */
function indentOfNextCode(
  python: string,
  lines: readonly TextLine[],
  l: number,
): number {
  for (let k = l + 1; k < lines.length; k++) {
    const line = lines[k];
    if (line === undefined) break;
    const content = python.slice(line.start, line.end);
    const indent = indentWidth(content);
    if (indent < content.length && content.charCodeAt(indent) !== 0x23)
      return indent;
  }
  return -1;
}

function blankLines(
  text: string,
  python: string,
  lines: readonly TextLine[],
  blanks: readonly Blank[],
): string | undefined {
  const parts: string[] = [];
  let at = 0;
  // A line of a statement blanked whole is blanked with it.
  let done = -1;
  const sorted = [...blanks].sort(
    (a, b) => a.first - b.first || b.last - a.last,
  );
  for (const { first, last, placeholder } of sorted) {
    if (first <= done) continue;
    const line = lines[first];
    if (line === undefined) continue;
    // A statement's first line may be blanked already: it is placed on the original.
    const content = (first === last ? text : python).slice(
      line.start,
      line.end,
    );
    const indent = indentWidth(content);
    const length = content.length - indent;
    if (first === last && length < placeholder.length) continue;
    done = last;
    parts.push(
      text.slice(at, line.start + indent),
      placeholder.padEnd(length, " "),
    );
    at = line.end;
    for (let k = first + 1; k <= last; k++) {
      const more = lines[k];
      if (more === undefined) continue;
      parts.push(text.slice(at, more.start), " ".repeat(more.end - more.start));
      at = more.end;
    }
  }
  if (parts.length === 0) return undefined;
  parts.push(text.slice(at));
  return parts.join("");
}

/**
 * An "unexpected X" at the very start of a line, followed in a later round by an error on
 * the line just above it, was a consequence of that line (an unfinished expression takes
 * the next line's first token): only the cause is kept.
 */
function finish(
  python: string,
  lines: readonly TextLine[],
  found: readonly Found[],
): Diagnostic[] {
  // The last round with a py-syntax error on each line (0-based), for the test below.
  const lastSyntaxRound = new Map<number, number>();
  for (const { diagnostic, round } of found) {
    if (diagnostic.code !== "py-syntax" || diagnostic.span === undefined)
      continue;
    const l = diagnostic.span.start.line - 1;
    lastSyntaxRound.set(l, Math.max(round, lastSyntaxRound.get(l) ?? -1));
  }
  const consequence = (d: Diagnostic, round: number): boolean => {
    if (
      d.span === undefined ||
      !d.message.startsWith("invalid syntax: unexpected")
    )
      return false;
    const l = d.span.start.line - 1;
    const line = lines[l];
    if (line === undefined) return false;
    const indent = indentWidth(python.slice(line.start, line.end));
    if (d.span.start.column !== indent + 1) return false;
    const above = previousCodeLine(python, lines, l);
    return (lastSyntaxRound.get(above) ?? -1) > round;
  };
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const { diagnostic, round } of found) {
    if (consequence(diagnostic, round)) continue;
    const key = keyOf(diagnostic);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(diagnostic);
  }
  return out.sort(
    (a, b) =>
      (a.span?.start.offset ?? -1) - (b.span?.start.offset ?? -1) ||
      (a.span?.end.offset ?? -1) - (b.span?.end.offset ?? -1) ||
      compare(a.code, b.code) ||
      compare(a.message, b.message),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function previousCodeLine(
  python: string,
  lines: readonly TextLine[],
  l: number,
): number {
  for (let k = l - 1; k >= 0; k--) {
    const line = lines[k];
    if (line !== undefined && python.slice(line.start, line.end).trim() !== "")
      return k;
  }
  return -1;
}
