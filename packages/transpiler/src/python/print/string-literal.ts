/**
 * Python string literals that black 23.1 leaves unchanged.
 *
 * - Quotes follow black's `normalize_string_quotes`: double quotes unless the value has more
 *   `"` than `'` (then single quotes need fewer escapes).
 * - Backslash, the chosen quote, `\n`, `\r`, `\t` are escaped; so is every character Python
 *   would not print (controls, format characters, separators other than space, unassigned
 *   and private-use code points, lone surrogates), as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
 *   Everything else, including non-ASCII letters and emoji, is written literally.
 * - Values with a newline (and no `\r`) become `"""…"""` with real line breaks.
 * - A string statement opening a block is a docstring to black, which strips it and pads
 *   quotes; see `formatDocstringLiteral`.
 */
export function formatStringLiteral(value: string): string {
  return printsMultiline(value)
    ? tripleQuoted(value)
    : singleLine(value, false);
}

/** Whether `formatStringLiteral` writes `value` over several lines (black's "multiline string"). */
export function printsMultiline(value: string): boolean {
  return value.includes("\n") && !value.includes("\r");
}

/**
 * The literal for a string statement in docstring position (first statement of a block).
 * Always single-line: black re-indents multi-line docstrings, which would change the value.
 * Edge spaces are written `\x20` so black's `strip()` finds nothing to remove, and a final
 * quote character is written as a hex escape so black does not pad it with a space.
 * An empty value is `""""""`, the form black turns `""` into.
 */
export function formatDocstringLiteral(value: string): string {
  return value === "" ? '""""""' : singleLine(value, true);
}

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function singleLine(value: string, docstring: boolean): string {
  let double = 0;
  let single = 0;
  let plain = true;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22) double++;
    else if (c === 0x27) single++;
    else if (!isPlainAscii(c)) plain = false;
  }
  const quote = double > single ? "'" : '"';
  // Most values are printable ASCII without the chosen quote: nothing to escape. Docstrings
  // take the general path for their edge rules.
  if (plain && !docstring && (quote === '"' ? double : single) === 0)
    return quote + value + quote;
  let body = "";
  let index = 0;
  for (const ch of value) {
    const last = index + ch.length === value.length;
    if (ch === quote)
      body += docstring && last ? hexEscape(ch.charCodeAt(0)) : `\\${quote}`;
    else if (ch === " " && docstring && (index === 0 || last)) body += "\\x20";
    else body += escapeChar(ch);
    index += ch.length;
  }
  return quote + body + quote;
}

function tripleQuoted(value: string): string {
  if (isPlainMultiline(value)) return `"""${value}"""`;
  let body = "";
  let run = 0;
  let index = 0;
  for (const ch of value) {
    index += ch.length;
    if (ch !== '"') {
      run = 0;
      body += ch === "\n" ? ch : escapeChar(ch);
      continue;
    }
    run++;
    // Every third quote of a run is escaped so the body never holds `"""`, and a final
    // quote too, or it would merge with the closing `"""`.
    body += run % 3 === 0 || index === value.length ? '\\"' : '"';
  }
  return `"""${body}"""`;
}

/** Printable ASCII other than backslash: written as is (quotes are counted separately). */
function isPlainAscii(c: number): boolean {
  return c >= 0x20 && c < 0x7f && c !== 0x5c;
}

/** A triple-quoted body needing no escape: plain ASCII and line breaks, no `"` at all. */
function isPlainMultiline(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x22 || (c !== 0x0a && !isPlainAscii(c))) return false;
  }
  return true;
}

function escapeChar(ch: string): string {
  switch (ch) {
    case "\\":
      return "\\\\";
    case "\n":
      return "\\n";
    case "\r":
      return "\\r";
    case "\t":
      return "\\t";
    default:
      break;
  }
  const code = ch.codePointAt(0) as number;
  if (code >= 0x20 && code < 0x7f) return ch;
  if (code >= 0xd800 && code <= 0xdfff) return hexEscape(code);
  return NON_PRINTABLE.test(ch) && ch !== " " ? hexEscape(code) : ch;
}

function hexEscape(code: number): string {
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, "0")}`;
  return `\\U${code.toString(16).padStart(8, "0")}`;
}
