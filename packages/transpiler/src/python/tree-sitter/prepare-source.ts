/**
 * One lexical pass over the user's text before tree-sitter sees it. It knows only strings,
 * comments and brackets, which is enough to
 *
 * - find characters CPython rejects outside strings and comments ("invalid non-printable
 *   character") but tree-sitter skips as whitespace: Unicode spaces, zero-width
 *   characters, the BOM (`ast.parse` of a str rejects it too), vertical tab and NUL;
 * - build the text tree-sitter parses: the same length as the original (so every offset
 *   maps back unchanged; spans and string values come from the original), where
 *   - a lone `\r` becomes `\n` (CPython reads it as a line break, tree-sitter as a space);
 *   - inside brackets, line breaks (with their `\` continuations) become spaces.
 *     tree-sitter's scanner guesses "inside brackets" from whether a closing bracket may
 *     come next, which fails after `:` in a dict or `=` in a call, and then a continuation
 *     line indented less than the block becomes a DEDENT (a syntax error). CPython ignores
 *     line breaks inside brackets;
 *   - comments become spaces: they are not part of the AST, and a comment line indented
 *     differently from its block can confuse tree-sitter's indentation tracking (CPython
 *     ignores comment-only lines).
 * - spot a `\` continuation at the very end (CPython: "unexpected EOF while parsing").
 */
export interface PreparedSource {
  readonly original: string;
  readonly forParser: string;
  /** Offsets of characters CPython rejects outside strings and comments. */
  readonly invalidCharacters: readonly number[];
  /** Offset of a `\\` continuation that nothing follows, if any. */
  readonly trailingContinuation: number | undefined;
  /**
   * Whether the parser's text has a `\\` line continuation (outside brackets): the only
   * extra nodes tree-sitter can produce, since comments are blanked. Without one, no node
   * needs an `isExtra` check.
   */
  readonly hasLineContinuation: boolean;
}

export function prepareSource(text: string): PreparedSource {
  // Edits in offset order, applied in one pass at the end: most texts need few.
  // `[start, end)` becomes spaces, or one "\n" for a lone \r (`end === -1`).
  const edits: number[] = [];
  const invalidCharacters: number[] = [];
  // CPython quirk: a final backslash followed by \r\n is accepted, by \n, \r or nothing not.
  let trailingContinuation: number | undefined;
  let hasLineContinuation = false;
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    // Only a few characters change anything. A plain test per character: jumping between
    // them with a regular expression allocated a match for every one, on every parse.
    if (!isInteresting(c)) {
      i++;
      continue;
    }
    if (c === HASH) {
      const end = lineEnd(text, i);
      edits.push(i, end);
      i = end;
      continue;
    }
    if (c === QUOTE || c === DOUBLE_QUOTE) {
      i = stringEnd(text, i);
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++;
    else if (c === 0x29 || c === 0x5d || c === 0x7d)
      depth = Math.max(0, depth - 1);
    else if (c === CR && next !== LF && depth === 0) edits.push(i, -1);
    else if (isInvalidOutsideLiterals(c)) invalidCharacters.push(i);
    else if (
      c === BACKSLASH &&
      i >= text.length - 2 &&
      (i + 1 === text.length || next === LF || next === CR)
    ) {
      trailingContinuation = i;
    }
    const breaksLine =
      c === LF || c === CR || (c === BACKSLASH && (next === LF || next === CR));
    if (depth > 0 && breaksLine) edits.push(i, i + 1);
    // Any backslash the parser sees may become a continuation node (conservative).
    else if (c === BACKSLASH) hasLineContinuation = true;
    i++;
  }
  return {
    original: text,
    forParser: applyEdits(text, edits),
    invalidCharacters,
    trailingContinuation,
    hasLineContinuation,
  };
}

/**
 * Comment and string starts, brackets, line breaks, backslashes and every character of
 * `isInvalidOutsideLiterals`: the scan above passes over all others.
 */
function isInteresting(c: number): boolean {
  switch (c) {
    case HASH:
    case QUOTE:
    case DOUBLE_QUOTE:
    case 0x28:
    case 0x29:
    case 0x5b:
    case 0x5d:
    case 0x7b:
    case 0x7d:
    case CR:
    case LF:
    case BACKSLASH:
      return true;
    default:
      return isInvalidOutsideLiterals(c);
  }
}

const HASH = 0x23;
const QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CR = 0x0d;
const LF = 0x0a;

/** `text` with the `edits` of `prepareSource` applied (same length). */
function applyEdits(text: string, edits: readonly number[]): string {
  if (edits.length === 0) return text;
  const parts: string[] = [];
  let from = 0;
  for (let k = 0; k < edits.length; k += 2) {
    const start = edits[k] ?? 0;
    const end = edits[k + 1] ?? 0;
    parts.push(text.slice(from, start));
    if (end === -1) {
      parts.push("\n");
      from = start + 1;
    } else {
      parts.push(" ".repeat(end - start));
      from = end;
    }
  }
  parts.push(text.slice(from));
  return parts.join("");
}

function isInvalidOutsideLiterals(c: number): boolean {
  if (c === 0x00 || c === 0x0b) return true;
  if (c < 0x80) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function lineEnd(text: string, from: number): number {
  let i = from;
  for (let c = text.charCodeAt(i); i < text.length && c !== LF && c !== CR;)
    c = text.charCodeAt(++i);
  return i;
}

/**
 * The end of the string whose opening quote is at `at` (prefix letters were already
 * passed as ordinary characters). A backslash always protects the next character, raw or
 * not; a single-quoted string also ends at a line break (unterminated: tree-sitter and the
 * decoder report it).
 */
function stringEnd(text: string, at: number): number {
  const quote = text.charCodeAt(at);
  const triple =
    text.charCodeAt(at + 1) === quote && text.charCodeAt(at + 2) === quote;
  let i = at + (triple ? 3 : 1);
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 2;
    else if (c === quote) {
      if (!triple) return i + 1;
      if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote)
        return i + 3;
      i++;
    } else if (!triple && (c === LF || c === CR)) return i;
    else i++;
  }
  return text.length;
}
