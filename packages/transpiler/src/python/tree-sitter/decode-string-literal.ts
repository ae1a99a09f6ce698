import { lookupUnicodeName } from "../unicode/unicode-names.js";

/**
 * One Python string token (prefix, quotes and body, as written) decoded exactly as CPython
 * 3.11 does. `start`/`end` of `invalid` are offsets into the token text.
 */
export type DecodedString =
  | { readonly kind: "str"; readonly value: string }
  | { readonly kind: "unsupported"; readonly construct: string }
  | {
      readonly kind: "invalid";
      readonly message: string;
      readonly start: number;
      readonly end: number;
    };

export function decodeStringLiteral(token: string): DecodedString {
  const quoteAt = token.search(/['"]/);
  if (quoteAt < 0) return invalid("malformed string literal", 0, token.length);
  const prefix = token.slice(0, quoteAt).toLowerCase();
  if (!VALID_PREFIXES.has(prefix))
    return invalid(
      `invalid string prefix "${token.slice(0, quoteAt)}"`,
      0,
      quoteAt,
    );
  if (prefix.includes("b"))
    return { kind: "unsupported", construct: "bytes literals" };
  if (prefix.includes("f"))
    return { kind: "unsupported", construct: "f-strings" };
  const q =
    token.startsWith(token.charAt(quoteAt).repeat(3), quoteAt) &&
    token.length - quoteAt >= 6
      ? 3
      : 1;
  const bodyStart = quoteAt + q;
  const body = token.slice(bodyStart, token.length - q);
  if (q === 1) {
    const lineBreak = unescapedLineBreak(body);
    if (lineBreak >= 0)
      return invalid("unterminated string literal", 0, bodyStart + lineBreak);
  }
  if (prefix.includes("r"))
    return { kind: "str", value: body.replace(/\r\n?/g, "\n") };
  if (!body.includes("\\") && !body.includes("\r"))
    return { kind: "str", value: body };
  return decodeEscapes(body, bodyStart);
}

/**
 * tree-sitter lets a single-quoted string run over a line break; CPython's tokenizer
 * ends it there (only a backslash-escaped break is part of the string).
 */
function unescapedLineBreak(body: string): number {
  for (let i = 0; i < body.length; i++) {
    const c = body.charAt(i);
    if (c === "\\") i += body.startsWith("\r\n", i + 1) ? 2 : 1;
    else if (c === "\n" || c === "\r") return i;
  }
  return -1;
}

const VALID_PREFIXES: ReadonlySet<string> = new Set([
  "",
  "r",
  "u",
  "b",
  "br",
  "rb",
  "f",
  "fr",
  "rf",
]);

function invalid(message: string, start: number, end: number): DecodedString {
  return { kind: "invalid", message, start, end };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/** CPython's `unicode_escape` decoder over a body whose newlines are not yet normalised. */
function decodeEscapes(body: string, base: number): DecodedString {
  let out = "";
  let i = 0;
  while (i < body.length) {
    const c = body.charAt(i);
    if (c === "\r") {
      // The tokenizer turns \r\n and a lone \r into \n before the decoder runs.
      out += "\n";
      i += body.charAt(i + 1) === "\n" ? 2 : 1;
      continue;
    }
    if (c !== "\\") {
      out += c;
      i += 1;
      continue;
    }
    const escape = decodeEscape(body, i);
    if (escape.kind === "error")
      return invalid(
        `invalid string escape: ${escape.message}`,
        base + i,
        base + escape.end,
      );
    out += escape.text;
    i = escape.end;
  }
  return { kind: "str", value: out };
}

type Escape =
  | { readonly kind: "text"; readonly text: string; readonly end: number }
  | { readonly kind: "error"; readonly message: string; readonly end: number };

/** The escape starting with the backslash at `at`. */
function decodeEscape(body: string, at: number): Escape {
  const next = body.charAt(at + 1);
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) return { kind: "text", text: simple, end: at + 2 };
  if (next === "\n") return { kind: "text", text: "", end: at + 2 };
  if (next === "\r")
    return {
      kind: "text",
      text: "",
      end: body.charAt(at + 2) === "\n" ? at + 3 : at + 2,
    };
  if (next >= "0" && next <= "7") {
    const digits = /^[0-7]{1,3}/.exec(body.slice(at + 1, at + 4))?.[0] ?? next;
    return {
      kind: "text",
      text: String.fromCharCode(Number.parseInt(digits, 8)),
      end: at + 1 + digits.length,
    };
  }
  if (next === "x") return hexEscape(body, at, 2, "truncated \\xXX escape");
  if (next === "u") return hexEscape(body, at, 4, "truncated \\uXXXX escape");
  if (next === "U")
    return hexEscape(body, at, 8, "truncated \\UXXXXXXXX escape");
  if (next === "N") return namedEscape(body, at);
  // Unknown escapes keep their backslash (CPython only warns).
  return { kind: "text", text: "\\", end: at + 1 };
}

function hexEscape(
  body: string,
  at: number,
  width: number,
  truncated: string,
): Escape {
  const digits = HEX_RUN.exec(body.slice(at + 2, at + 2 + width))?.[0] ?? "";
  if (digits.length < width)
    return { kind: "error", message: truncated, end: at + 2 + digits.length };
  const cp = Number.parseInt(digits, 16);
  if (cp > 0x10ffff)
    return {
      kind: "error",
      message: "illegal Unicode character",
      end: at + 2 + width,
    };
  return { kind: "text", text: String.fromCodePoint(cp), end: at + 2 + width };
}

const HEX_RUN = /^[0-9a-fA-F]*/;

function namedEscape(body: string, at: number): Escape {
  const close = body.charAt(at + 2) === "{" ? body.indexOf("}", at + 3) : -1;
  if (close <= at + 3)
    return {
      kind: "error",
      message: "malformed \\N character escape",
      end: Math.max(close + 1, at + 2),
    };
  const cp = lookupUnicodeName(body.slice(at + 3, close));
  if (cp === undefined)
    return {
      kind: "error",
      message: "unknown Unicode character name",
      end: close + 1,
    };
  return { kind: "text", text: String.fromCodePoint(cp), end: close + 1 };
}
