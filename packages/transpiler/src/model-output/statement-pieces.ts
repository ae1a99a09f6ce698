/**
 * Cuts a long text into pieces of whole statements that can each be checked on their own
 * (see `diagnoseText`): a mistake in model output spoils one statement, but tree-sitter
 * parses and converts the whole text in each round of `diagnoseAll`, and its re-parse
 * after a blanked error reuses little of the tree.
 *
 * A piece starts at a statement of the module, or at a statement of the body of one (a
 * workflow is one `def` with a long body), and is then checked dedented to the module's
 * level: the tokenizer opens and closes the same blocks on its lines as in the whole
 * text. So a piece is never cut:
 * - inside a bracket, a string or after a backslash (an opener left open keeps the rest
 *   of the text in one piece, as it is for CPython);
 * - after a decorator, or after a line ending with `:` unless at column 0 (a header keeps
 *   its first statement);
 * - before `else`, `elif`, `except` or `finally`;
 * - inside a statement of the module with a line indented less than its body's first
 *   statement (an `else:` at column 0, an unindent to no enclosing level): its body is
 *   not cut at all;
 * - in text indented with tabs or form feeds (tree-sitter counts a tab differently from
 *   CPython, see `SPACES_THEN_TAB`), nor in text indented deeper than `MAX_INDENT` (the
 *   conversion's nesting limit counts the blocks around a statement).
 * Pieces are at least `minLength` characters long, so that short texts stay whole.
 */
import { CR, HASH, LF } from "./find-check-limit.js";
import type { TextLine } from "./split-lines.js";
import {
  continuesStatement,
  endsWithColon,
  type StatementExtents,
} from "./statement-extents.js";

export interface StatementPiece {
  /** The piece's first line (0-based); it runs to the next piece's first line. */
  readonly first: number;
  /**
   * Columns taken off the start of each of its lines that starts a statement (spaces), and
   * off blank and comment lines as far as they are spaces; 0 for a piece of the module.
   */
  readonly dedent: number;
}

const CONTINUATION_KEYWORD = /^(?:else|elif|except|finally)\b/;
const AT = 0x40;
const SPACE = 0x20;
/**
 * Text indented deeper is kept whole: a piece of a body is checked one block shallower
 * than in the whole text, and the conversion's limit of 100 nested blocks must not be
 * reachable in it (64 columns hold 64 blocks at most).
 */
const MAX_INDENT = 64;

export function statementPieces(
  text: string,
  lines: readonly TextLine[],
  extents: StatementExtents,
  minLength: number,
): StatementPiece[] {
  const whole: StatementPiece[] = [{ first: 0, dedent: 0 }];
  const pieces = whole.slice();
  // The statement of the module being read: its body's indentation (0 before its first
  // indented statement), whether its body may be cut (no line indented less), and the
  // places where it may.
  let body = 0;
  let cuttable = true;
  let inner: number[] = [];
  let pieceStart = 0;
  let lastCode = -1;
  let decorated = false;
  const endStatement = (): void => {
    if (cuttable)
      for (const l of inner) {
        const start = lines[l]?.start ?? 0;
        if (start - pieceStart < minLength) continue;
        pieces.push({ first: l, dedent: body });
        pieceStart = start;
      }
    body = 0;
    cuttable = true;
    inner = [];
  };
  for (let l = 0; l < lines.length; l++) {
    const line = lines[l];
    if (line === undefined) continue;
    let i = line.start;
    while (i < line.end && text.charCodeAt(i) === SPACE) i++;
    const c = i < line.end ? text.charCodeAt(i) : LF;
    if (continuesStatement(extents, l)) {
      if (c !== LF && c !== CR) lastCode = l;
      continue;
    }
    if (c === LF || c === CR || c === HASH) continue;
    const indent = i - line.start;
    if (c === 0x09 || c === 0x0c || indent > MAX_INDENT) return whole;
    const afterHeader = lastCode >= 0 && endsWithColon(extents, lastCode);
    const goesOn =
      decorated ||
      CONTINUATION_KEYWORD.test(text.slice(i, Math.min(line.end, i + 8)));
    const starts = l > 0 && !afterHeader && !goesOn;
    if (indent === 0) {
      // A header right above does not keep a line at column 0: the tokenizer ends the
      // header's block there too ("expected an indented block after 'if' statement").
      if (l > 0 && !goesOn) {
        endStatement();
        // A piece that was dedented cannot go on into the next statement of the module.
        const last = pieces[pieces.length - 1];
        if (
          (last !== undefined && last.dedent > 0) ||
          line.start - pieceStart >= minLength
        ) {
          pieces.push({ first: l, dedent: 0 });
          pieceStart = line.start;
        }
      } else if (body > 0) cuttable = false;
    } else if (body === 0) body = indent;
    else if (indent < body) cuttable = false;
    else if (indent === body && starts) inner.push(l);
    decorated = c === AT;
    lastCode = l;
  }
  endStatement();
  return pieces;
}
