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
}

export function prepareSource(text: string): PreparedSource {
  // Offsets to blank (comments, bracketed line breaks) or to turn into "\n" (lone \r),
  // applied in one pass at the end: most texts need few edits.
  const blank: number[] = [];
  const newline: number[] = [];
  const invalidCharacters: number[] = [];
  // CPython quirk: a final backslash followed by \r\n is accepted, by \n, \r or nothing not.
  let trailingContinuation: number | undefined;
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === HASH) {
      const end = lineEnd(text, i);
      for (let j = i; j < end; j++) blank.push(j);
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
    else if (c === CR && next !== LF && depth === 0) newline.push(i);
    else if (isInvalidOutsideLiterals(c)) invalidCharacters.push(i);
    else if (
      c === BACKSLASH &&
      i >= text.length - 2 &&
      (i + 1 === text.length || next === LF || next === CR)
    ) {
      trailingContinuation = i;
    }
    if (
      depth > 0 &&
      (c === LF ||
        c === CR ||
        (c === BACKSLASH && (next === LF || next === CR)))
    )
      blank.push(i);
    i++;
  }
  return {
    original: text,
    forParser: applyEdits(text, blank, newline),
    invalidCharacters,
    trailingContinuation,
  };
}

const HASH = 0x23;
const QUOTE = 0x27;
const DOUBLE_QUOTE = 0x22;
const BACKSLASH = 0x5c;
const CR = 0x0d;
const LF = 0x0a;

/** `text` with a space at each `blank` offset and "\n" at each `newline` offset. */
function applyEdits(
  text: string,
  blank: readonly number[],
  newline: readonly number[],
): string {
  if (blank.length === 0 && newline.length === 0) return text;
  const edits = [
    ...blank.map((at) => [at, " "] as const),
    ...newline.map((at) => [at, "\n"] as const),
  ].sort((a, b) => a[0] - b[0]);
  let out = "";
  let from = 0;
  for (const [at, replacement] of edits) {
    out += text.slice(from, at) + replacement;
    from = at + 1;
  }
  return out + text.slice(from);
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
  while (i < text.length && text.charAt(i) !== "\n" && text.charAt(i) !== "\r")
    i++;
  return i;
}

/**
 * The end of the string whose opening quote is at `at` (prefix letters were already
 * passed as ordinary characters). A backslash always protects the next character, raw or
 * not; a single-quoted string also ends at a line break (unterminated: tree-sitter and the
 * decoder report it).
 */
function stringEnd(text: string, at: number): number {
  const quote = text.charAt(at);
  const triple = text.startsWith(quote.repeat(3), at);
  const closing = triple ? quote.repeat(3) : quote;
  let i = at + closing.length;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === "\\") i += 2;
    else if (text.startsWith(closing, i)) return i + closing.length;
    else if (!triple && (c === "\n" || c === "\r")) return i;
    else i++;
  }
  return text.length;
}
