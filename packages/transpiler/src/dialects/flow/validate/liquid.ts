/**
 * Just enough Liquid (SPEC §e) to check templates statically: the `{{ … }}` outputs and
 * `{% … %}` tags of a text, and the expressions inside them as a value (a path or a
 * literal) followed by filters. Nothing is rendered. Markup this reader does not
 * understand yields no expression, so it is never reported as wrong.
 */

export type LiquidNode =
  | {
      readonly kind: "output";
      /** The markup between the delimiters (whitespace control `-` removed). */
      readonly markup: string;
      /** Offset of the `{{` in the text. */
      readonly start: number;
      /** Offset just after the `}}`. */
      readonly end: number;
    }
  | {
      readonly kind: "tag";
      readonly name: string;
      /** The markup after the tag name. */
      readonly markup: string;
      readonly start: number;
      readonly end: number;
    };

export interface LiquidScan {
  readonly nodes: readonly LiquidNode[];
  /**
   * The offset and delimiter of a `{{` or `{%` that is never closed: no closing delimiter,
   * or another `{{`/`{%` opens before it (Liquid would read both as one broken tag).
   */
  readonly unclosed?: { readonly start: number; readonly open: "{{" | "{%" };
  /** The first block tag (`if`, `for`, …) left open, or end tag without its block. */
  readonly unbalanced?: UnbalancedBlock;
}

export interface UnbalancedBlock {
  /** `open`: `{% name %}` is never closed; `stray`: `{% name %}` ends a block that is not open. */
  readonly kind: "open" | "stray";
  /** The tag as written: its name and where it is. */
  readonly name: string;
  readonly start: number;
  readonly end: number;
  /** The tag that would balance it (`endif` for `if`, `if` for `endif`). */
  readonly partner: string;
}

/** Block tags and their end tags; `comment` and `raw` are skipped as a whole. */
const BLOCKS: ReadonlyMap<string, string> = new Map([
  ["if", "endif"],
  ["unless", "endunless"],
  ["case", "endcase"],
  ["for", "endfor"],
  ["tablerow", "endtablerow"],
  ["capture", "endcapture"],
]);
const ENDS: ReadonlyMap<string, string> = new Map(
  [...BLOCKS].map(([open, end]) => [end, open]),
);

export function hasLiquid(text: string): boolean {
  return text.includes("{{") || text.includes("{%");
}

export function scanLiquid(text: string): LiquidScan {
  const nodes: LiquidNode[] = [];
  const blocks: { name: string; start: number; end: number }[] = [];
  let unbalanced: UnbalancedBlock | undefined;
  let i = 0;
  let skipUntil: string | undefined;
  while (i < text.length) {
    const open = nextOpen(text, i);
    if (open < 0) break;
    const isOutput = text.charAt(open + 1) === "{";
    const close = text.indexOf(isOutput ? "}}" : "%}", open + 2);
    const body = close < 0 ? "" : text.slice(open + 2, close);
    if (
      close < 0 ||
      (skipUntil === undefined && (body.includes("{{") || body.includes("{%")))
    )
      return { nodes, unclosed: { start: open, open: isOutput ? "{{" : "{%" } };
    const markup = body.replace(/^-/, "").replace(/-$/, "").trim();
    i = close + 2;
    if (isOutput) {
      if (skipUntil === undefined)
        nodes.push({ kind: "output", markup, start: open, end: i });
      continue;
    }
    const name = /^[A-Za-z_]+/.exec(markup)?.[0] ?? "";
    if (skipUntil !== undefined) {
      if (name === skipUntil) skipUntil = undefined;
      continue;
    }
    if (name === "comment" || name === "raw") {
      skipUntil = `end${name}`;
      continue;
    }
    nodes.push({
      kind: "tag",
      name,
      markup: markup.slice(name.length).trim(),
      start: open,
      end: i,
    });
    if (BLOCKS.has(name)) blocks.push({ name, start: open, end: i });
    const opener = ENDS.get(name);
    if (opener !== undefined && unbalanced === undefined) {
      const top = blocks.pop();
      if (top === undefined)
        unbalanced = {
          kind: "stray",
          name,
          start: open,
          end: i,
          partner: opener,
        };
      else if (top.name !== opener) unbalanced = leftOpen(top);
    }
  }
  const last = blocks[blocks.length - 1];
  if (unbalanced === undefined && last !== undefined)
    unbalanced = leftOpen(last);
  return unbalanced === undefined ? { nodes } : { nodes, unbalanced };
}

function leftOpen(b: {
  name: string;
  start: number;
  end: number;
}): UnbalancedBlock {
  return { kind: "open", ...b, partner: BLOCKS.get(b.name) ?? "" };
}

/**
 * The next `{{` or `{%` at or after `from`. One forward scan: searching for each opener
 * separately would rescan the rest of the text for the absent one at every tag, which is
 * quadratic in a long template with many tags of one kind.
 */
function nextOpen(text: string, from: number): number {
  for (
    let at = text.indexOf("{", from);
    at >= 0;
    at = text.indexOf("{", at + 1)
  ) {
    const next = text.charCodeAt(at + 1);
    if (next === OPEN_BRACE || next === PERCENT) return at;
  }
  return -1;
}

const OPEN_BRACE = 0x7b;
const PERCENT = 0x25;

// ------------------------------------------------------------------ expressions

export type LiquidValue =
  | {
      readonly kind: "path";
      /** Dotted segments; a bracket index is kept as `[0]` / `["key"]`. */
      readonly segments: readonly string[];
      /** The path as written. */
      readonly text: string;
    }
  | { readonly kind: "literal" }
  | { readonly kind: "range" };

export interface LiquidFilter {
  readonly name: string;
  readonly args: readonly LiquidValue[];
  /** Literal string arguments, for checks such as `map: 'node'`. */
  readonly stringArgs: readonly string[];
}

export interface LiquidExpression {
  readonly value: LiquidValue;
  readonly filters: readonly LiquidFilter[];
}

type Token =
  | { readonly t: "id"; readonly v: string }
  | { readonly t: "str"; readonly v: string }
  | { readonly t: "num" }
  | { readonly t: "op"; readonly v: string };

/** Tokens of Liquid markup; undefined on a character Liquid expressions never contain. */
export function tokenizeLiquid(markup: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  while (i < markup.length) {
    // ASCII blanks, names and operators are read without a regular expression (this runs
    // on every path of every template); anything else takes the general reader below.
    const code = markup.charCodeAt(i);
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) {
      i++;
      continue;
    }
    if (isAsciiLetter(code) || code === UNDERSCORE) {
      const end = asciiNameEnd(markup, i);
      if (end !== undefined) {
        out.push({ t: "id", v: markup.slice(i, end) });
        i = end;
        continue;
      }
    } else if (
      code < 0x80 &&
      code !== 0x22 &&
      code !== 0x27 &&
      code !== MINUS &&
      !isDigit(code)
    ) {
      const op = asciiOperator(code, markup.charCodeAt(i + 1));
      if (op === undefined) return undefined;
      out.push({ t: "op", v: op });
      i += op.length;
      continue;
    }
    const c = markup.charAt(i);
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const end = markup.indexOf(c, i + 1);
      if (end < 0) return undefined;
      out.push({ t: "str", v: markup.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    // Non-ASCII letters are read too: no Flow name has them, so such a path is reported
    // as unknown rather than skipped as markup this reader does not understand.
    const id = /^[\p{L}_][\p{L}\p{N}_-]*\??/u.exec(markup.slice(i, i + 256));
    if (id !== null) {
      out.push({ t: "id", v: id[0] });
      i += id[0].length;
      continue;
    }
    const num = /^-?[0-9]+(?:\.[0-9]+)?/.exec(markup.slice(i, i + 64));
    if (num !== null && !markup.startsWith("..", i + num[0].length - 1)) {
      out.push({ t: "num" });
      i += num[0].length;
      continue;
    }
    if (num !== null) {
      // `1..5` inside a range: the integer part only.
      const int = /^-?[0-9]+/.exec(num[0])?.[0] ?? "0";
      out.push({ t: "num" });
      i += int.length;
      continue;
    }
    const op = /^(?:==|!=|<>|<=|>=|\.\.|[<>.|:,[\]()=])/.exec(
      markup.slice(i, i + 2),
    );
    if (op === null) return undefined;
    out.push({ t: "op", v: op[0] });
    i += op[0].length;
  }
  return out;
}

const UNDERSCORE = 0x5f;
const MINUS = 0x2d;
const QUESTION = 0x3f;

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Where the name starting at `start` ends, as `/^[\p{L}_][\p{L}\p{N}_-]*\??/u` reads it
 * within 256 characters; undefined when a non-ASCII character follows (the general
 * reader decides then).
 */
function asciiNameEnd(markup: string, start: number): number | undefined {
  const limit = Math.min(markup.length, start + 256);
  let j = start + 1;
  for (; j < limit; j++) {
    const c = markup.charCodeAt(j);
    if (isAsciiLetter(c) || isDigit(c) || c === UNDERSCORE || c === MINUS)
      continue;
    if (c >= 0x80) return undefined;
    break;
  }
  return j < limit && markup.charCodeAt(j) === QUESTION ? j + 1 : j;
}

/** `/^(?:==|!=|<>|<=|>=|\.\.|[<>.|:,[\]()=])/` on the characters `c`, `next`. */
function asciiOperator(c: number, next: number): string | undefined {
  switch (c) {
    case 0x3d: // =
      return next === 0x3d ? "==" : "=";
    case 0x21: // !
      return next === 0x3d ? "!=" : undefined;
    case 0x3c: // <
      return next === 0x3e ? "<>" : next === 0x3d ? "<=" : "<";
    case 0x3e: // >
      return next === 0x3d ? ">=" : ">";
    case 0x2e: // .
      return next === 0x2e ? ".." : ".";
    case 0x7c:
      return "|";
    case 0x3a:
      return ":";
    case 0x2c:
      return ",";
    case 0x5b:
      return "[";
    case 0x5d:
      return "]";
    case 0x28:
      return "(";
    case 0x29:
      return ")";
    default:
      return undefined;
  }
}

const LITERAL_WORDS: ReadonlySet<string> = new Set([
  "true",
  "false",
  "nil",
  "null",
  "empty",
  "blank",
]);

/** A cursor over tokens for the small recursive-descent readers below. */
export interface Reader {
  readonly tokens: readonly Token[];
  at: number;
}

export function readerOf(tokens: readonly Token[]): Reader {
  return { tokens, at: 0 };
}

/** A value: a path with dots and brackets, a literal or a `(a..b)` range. */
export function readValue(r: Reader): LiquidValue | undefined {
  const t = r.tokens[r.at];
  if (t === undefined) return undefined;
  if (t.t === "str" || t.t === "num") {
    r.at++;
    return { kind: "literal" };
  }
  if (t.t === "op" && t.v === "(") {
    let depth = 0;
    while (r.at < r.tokens.length) {
      const x = r.tokens[r.at++];
      if (x?.t === "op" && x.v === "(") depth++;
      else if (x?.t === "op" && x.v === ")" && --depth === 0) break;
    }
    return { kind: "range" };
  }
  if (t.t !== "id") return undefined;
  r.at++;
  if (LITERAL_WORDS.has(t.v)) return { kind: "literal" };
  const segments = [t.v];
  let text = t.v;
  for (;;) {
    const n = r.tokens[r.at];
    if (n?.t === "op" && n.v === ".") {
      const s = r.tokens[r.at + 1];
      if (s?.t !== "id") return undefined;
      segments.push(s.v);
      text += `.${s.v}`;
      r.at += 2;
    } else if (n?.t === "op" && n.v === "[") {
      const k = r.tokens[r.at + 1];
      const close = r.tokens[r.at + 2];
      if (k === undefined || close?.t !== "op" || close.v !== "]")
        return undefined;
      const index =
        k.t === "num"
          ? "[0]"
          : k.t === "str"
            ? `[${JSON.stringify(k.v)}]`
            : `[${k.t === "id" ? k.v : "?"}]`;
      segments.push(index);
      text += index;
      r.at += 3;
    } else break;
  }
  return { kind: "path", segments, text };
}

/** `value | filter: arg, key: arg | filter`; undefined when the markup is something else. */
export function readExpression(r: Reader): LiquidExpression | undefined {
  const value = readValue(r);
  if (value === undefined) return undefined;
  const filters: LiquidFilter[] = [];
  while (
    r.tokens[r.at]?.t === "op" &&
    (r.tokens[r.at] as { v: string }).v === "|"
  ) {
    r.at++;
    const name = r.tokens[r.at];
    if (name?.t !== "id") return undefined;
    r.at++;
    const args: LiquidValue[] = [];
    const stringArgs: string[] = [];
    const colon = r.tokens[r.at];
    if (colon?.t === "op" && colon.v === ":") {
      r.at++;
      for (;;) {
        // `key: value` keyword arguments name the argument; only the value is an expression.
        const k = r.tokens[r.at];
        const after = r.tokens[r.at + 1];
        if (k?.t === "id" && after?.t === "op" && after.v === ":") r.at += 2;
        const a = r.tokens[r.at];
        if (a?.t === "str") stringArgs.push(a.v);
        const v = readValue(r);
        if (v === undefined) return undefined;
        args.push(v);
        const sep = r.tokens[r.at];
        if (sep?.t === "op" && sep.v === ",") {
          r.at++;
          continue;
        }
        break;
      }
    }
    filters.push({ name: name.v, args, stringArgs });
  }
  return { value, filters };
}

/** The whole markup as one expression, or undefined. */
export function parseOutput(markup: string): LiquidExpression | undefined {
  const tokens = tokenizeLiquid(markup);
  if (tokens === undefined) return undefined;
  const r = readerOf(tokens);
  const e = readExpression(r);
  return e !== undefined && r.at === tokens.length ? e : undefined;
}

/**
 * The operands of an `if`/`elsif`/`unless`/`when` condition (`a == b and c contains 'x'`),
 * and whether a filter (`|`) appears in it.
 */
export function parseTest(
  markup: string,
):
  | { readonly operands: readonly LiquidValue[]; readonly hasFilter: boolean }
  | undefined {
  const tokens = tokenizeLiquid(markup);
  if (tokens === undefined) return undefined;
  const operands: LiquidValue[] = [];
  let hasFilter = false;
  const r = readerOf(tokens);
  while (r.at < tokens.length) {
    const t = tokens[r.at];
    if (t === undefined) break;
    if (t.t === "op" && t.v === "|") {
      hasFilter = true;
      r.at++;
      if (tokens[r.at]?.t === "id") r.at++; // the filter's name is not an operand
      continue;
    }
    if (
      t.t === "op" ||
      (t.t === "id" && (t.v === "and" || t.v === "or" || t.v === "contains"))
    ) {
      r.at++;
      continue;
    }
    const before = r.at;
    const v = readValue(r);
    if (v === undefined || r.at === before) return undefined;
    operands.push(v);
  }
  return { operands, hasFilter };
}
