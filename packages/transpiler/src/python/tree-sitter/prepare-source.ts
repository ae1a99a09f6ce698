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
  const out = text.split("");
  const invalidCharacters: number[] = [];
  // CPython quirk: a final backslash followed by \r\n is accepted, by \n, \r or nothing not.
  let trailingContinuation: number | undefined;
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === "#") {
      const end = lineEnd(text, i);
      out.fill(" ", i, end);
      i = end;
      continue;
    }
    if (c === "'" || c === '"') {
      i = stringEnd(text, i);
      continue;
    }
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}")
      depth = Math.max(0, depth - 1);
    else if (c === "\r" && text.charAt(i + 1) !== "\n") out[i] = "\n";
    else if (isInvalidOutsideLiterals(text.charCodeAt(i)))
      invalidCharacters.push(i);
    else if (
      c === "\\" &&
      i >= text.length - 2 &&
      /^[\r\n]?$/.test(text.slice(i + 1))
    )
      trailingContinuation = i;
    if (
      depth > 0 &&
      (c === "\n" ||
        c === "\r" ||
        (c === "\\" && /[\r\n]/.test(text.charAt(i + 1))))
    )
      out[i] = " ";
    i++;
  }
  return {
    original: text,
    forParser: out.join(""),
    invalidCharacters,
    trailingContinuation,
  };
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
