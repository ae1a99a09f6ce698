/**
 * Python tokenizer producing chevrotain tokens, modelled on CPython 3.11's `tokenizer.c`:
 * NEWLINE/INDENT/DEDENT from an indentation stack, implicit line joining inside brackets,
 * `\` continuation, comments and blank lines dropped, CR/CRLF/LF line endings, tabs to the
 * next multiple of 8 with CPython's tab-size-1 consistency check (`TabError`).
 *
 * All state lives in a per-call `LexContext`, so lexing is reentrant. Problems are
 * collected as diagnostics and lexing continues, so every lexical error is reported.
 */
import type { IToken, TokenType } from "chevrotain";
import { codes } from "../../diagnostics/codes.js";
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { InternalError } from "../../diagnostics/errors.js";
import type { LineIndex } from "../../source/line-index.js";
import { loneSurrogates } from "../../source/lone-surrogates.js";
import { isIdentifierChar, scanNumber } from "./number-literal.js";
import {
  scanString,
  stringPrefix,
  type LiteralProblem,
} from "./string-literal.js";
import * as T from "./tokens.js";
import {
  countUnlisted,
  noneUnlisted,
  type Unlisted,
  type UnlistedCounter,
} from "./unlisted.js";

export interface LexResult {
  readonly tokens: readonly IToken[];
  readonly diagnostics: readonly Diagnostic[];
  readonly unlisted: Unlisted;
}

interface LexContext {
  readonly text: string;
  readonly lines: LineIndex;
  /** Pre-sized (see `lexPython`): only the first `count` entries are tokens. */
  readonly tokens: IToken[];
  count: number;
  readonly diagnostics: Diagnostic[];
  readonly maxListed: number;
  readonly unlisted: UnlistedCounter;
  /** Indentation columns (tabs to multiples of 8) of the enclosing blocks. */
  readonly indents: number[];
  /** The same with tabs counted as 1: CPython's check for ambiguous tab/space mixes. */
  readonly altIndents: number[];
  readonly brackets: IToken[];
  pos: number;
  line: number;
  lineStart: number;
}

// Stateless (no `g` or `y` flag), so sharing them is safe.
const idStart = /^\p{ID_Start}$/u;
const idContinue = /^\p{ID_Continue}$/u;

const closers: Readonly<Record<string, string>> = {
  ")": "(",
  "]": "[",
  "}": "{",
};

/**
 * Chevrotain's `createTokenInstance` plus `payload`, present (maybe `undefined`) on every
 * token: adding it afterwards gave string tokens a second hidden class and a property
 * backing store, and made every token read in the parsers polymorphic. The optional end
 * fields (`endOffset`, `endLine`, `endColumn`) are left out: chevrotain reads them only for
 * node location tracking, which the parser turns off, and nothing else does (the end of a
 * token is `startOffset + image.length`); three fewer fields are a quarter of every token.
 */
function tokenInstance(
  tokenType: TokenType,
  image: string,
  startOffset: number,
  startLine: number,
  startColumn: number,
  payload: unknown,
): IToken {
  return {
    image,
    startOffset,
    startLine,
    startColumn,
    tokenTypeIdx: tokenType.tokenTypeIdx ?? 0,
    tokenType,
    payload,
  };
}

function push(
  ctx: LexContext,
  type: TokenType,
  start: number,
  end: number,
  payload?: unknown,
  image: string = ctx.text.slice(start, end),
): IToken {
  const token = tokenInstance(
    type,
    image,
    start,
    ctx.line,
    start - ctx.lineStart + 1,
    payload,
  );
  if (ctx.count < ctx.tokens.length) ctx.tokens[ctx.count] = token;
  else ctx.tokens.push(token);
  ctx.count++;
  return token;
}

function report(
  ctx: LexContext,
  code: string,
  message: string,
  start: number,
  end: number,
  hint?: string,
): void {
  if (countUnlisted(ctx, code, start)) return;
  ctx.diagnostics.push(
    error(code, message, {
      span: ctx.lines.span(start, end),
      ...(hint === undefined ? {} : { hint }),
    }),
  );
}

function reportProblem(ctx: LexContext, p: LiteralProblem): void {
  report(ctx, p.code, p.message, p.start, p.end, p.hint);
}

/** Advances `line`/`lineStart` over any line breaks in `[from, to)` (multi-line strings). */
function trackLines(ctx: LexContext, from: number, to: number): void {
  const { text } = ctx;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      ctx.line++;
      ctx.lineStart = i + 1;
    }
  }
}

/** Skips the line break at `i` (LF, CRLF or CR) and returns the offset after it. */
function newline(ctx: LexContext, i: number): number {
  const next =
    ctx.text.charCodeAt(i) === 13 && ctx.text.charCodeAt(i + 1) === 10
      ? i + 2
      : i + 1;
  ctx.line++;
  ctx.lineStart = next;
  return next;
}

/**
 * At the start of a logical line: measures indentation, skips blank and comment-only
 * lines, and emits INDENT/DEDENT tokens. Returns false at the end of the text.
 */
function indentation(ctx: LexContext): boolean {
  const { text } = ctx;
  for (;;) {
    let col = 0;
    let alt = 0;
    // CPython 3.11: a `\` continuation inside the indentation is skipped, and the column
    // of the first one (unless it is 0) is the line's indentation.
    let continuationCol = 0;
    let i = ctx.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32) {
        col++;
        alt++;
      } else if (c === 9) {
        col = (Math.floor(col / 8) + 1) * 8;
        alt++;
      } else if (c === 12) {
        col = 0;
        alt = 0;
      } else if (c === 92 && isLineBreak(text.charCodeAt(i + 1))) {
        continuationCol ||= col;
        i = newline(ctx, i + 1);
        if (i >= text.length)
          report(
            ctx,
            codes.pySyntax,
            "unexpected end of input after line continuation",
            i - 2,
            i - 1,
            "remove the trailing '\\'",
          );
        continue;
      } else break;
      i++;
    }
    ctx.pos = i;
    if (i >= text.length) return false;
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) {
      while (ctx.pos < text.length && !isLineBreak(text.charCodeAt(ctx.pos)))
        ctx.pos++;
      if (ctx.pos >= text.length) return false;
    }
    if (isLineBreak(text.charCodeAt(ctx.pos))) {
      ctx.pos = newline(ctx, ctx.pos);
      continue;
    }
    applyIndentation(ctx, continuationCol || col, continuationCol || alt, i);
    return true;
  }
}

const isLineBreak = (c: number): boolean => c === 10 || c === 13;

function applyIndentation(
  ctx: LexContext,
  col: number,
  alt: number,
  at: number,
): void {
  const top = ctx.indents.length - 1;
  const current = ctx.indents[top] ?? 0;
  const currentAlt = ctx.altIndents[top] ?? 0;
  if (col === current) {
    if (alt !== currentAlt) tabError(ctx, at);
    return;
  }
  if (col > current) {
    if (alt <= currentAlt) tabError(ctx, at);
    ctx.indents.push(col);
    ctx.altIndents.push(alt);
    push(ctx, T.Indent, at, at);
    return;
  }
  while (
    ctx.indents.length > 1 &&
    col < (ctx.indents[ctx.indents.length - 1] ?? 0)
  ) {
    ctx.indents.pop();
    ctx.altIndents.pop();
    push(ctx, T.Dedent, at, at);
  }
  const level = ctx.indents[ctx.indents.length - 1] ?? 0;
  if (col !== level) {
    report(
      ctx,
      codes.pyIndentation,
      "unindent does not match any outer indentation level",
      ctx.lineStart,
      at,
      "dedent to exactly the column of an enclosing block",
    );
  } else if (alt !== (ctx.altIndents[ctx.altIndents.length - 1] ?? 0))
    tabError(ctx, at);
}

function tabError(ctx: LexContext, at: number): void {
  report(
    ctx,
    codes.pyIndentation,
    "inconsistent use of tabs and spaces in indentation",
    ctx.lineStart,
    at,
    "indent with spaces only (4 per level)",
  );
}

function name(ctx: LexContext, start: number): void {
  const { text } = ctx;
  let i = start;
  let ascii = true;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (!isIdentifierChar(c)) break;
      i++;
      continue;
    }
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (!(i === start ? idStart : idContinue).test(ch)) break;
    ascii = false;
    i += ch.length;
  }
  if (i === start) {
    invalidCharacter(ctx, start);
    return;
  }
  const quote = text.charCodeAt(i);
  if (quote === 34 || quote === 39) {
    const prefix = stringPrefix(text.slice(start, i));
    if (prefix !== undefined) {
      string(ctx, start, i);
      return;
    }
  }
  const word = text.slice(start, i);
  const keyword = ascii ? T.keywords.get(word) : undefined;
  if (keyword !== undefined) keywordToken(ctx, keyword, start, i, word);
  // CPython normalises identifiers to NFKC ("ﬁ" is "fi").
  else
    push(
      ctx,
      T.Name,
      start,
      i,
      ascii ? undefined : word.normalize("NFKC"),
      word,
    );
  ctx.pos = i;
}

/** Merges `not in` and `is not` into single tokens: Python's grammar allows no other reading. */
function keywordToken(
  ctx: LexContext,
  type: TokenType,
  start: number,
  end: number,
  word: string,
): void {
  const prev = ctx.tokens[ctx.count - 1];
  const merged =
    prev === undefined
      ? undefined
      : type === T.In && prev.tokenType === T.Not
        ? T.NotIn
        : type === T.Not && prev.tokenType === T.Is
          ? T.IsNot
          : undefined;
  if (prev === undefined || merged === undefined) {
    push(ctx, type, start, end, undefined, word);
    return;
  }
  const image = ctx.text.slice(prev.startOffset, end);
  ctx.tokens[ctx.count - 1] = tokenInstance(
    merged,
    image,
    prev.startOffset,
    prev.startLine ?? ctx.line,
    prev.startColumn ?? end - ctx.lineStart,
    undefined,
  );
}

/** The prefix of most literals, which have none; found once rather than per literal. */
const noPrefix = stringPrefix("");

function string(ctx: LexContext, start: number, quote: number): void {
  const prefix =
    start === quote ? noPrefix : stringPrefix(ctx.text.slice(start, quote));
  if (prefix === undefined) return;
  const scanned = scanString(ctx.text, start, quote, prefix, ctx.lines);
  push(ctx, T.StringLiteral, start, scanned.end, scanned.payload);
  for (const p of scanned.problems) reportProblem(ctx, p);
  if (prefix.kind === "bytes") {
    report(
      ctx,
      codes.pyUnsupported,
      "bytes literals are not supported",
      start,
      scanned.end,
      "use a str literal (no b prefix)",
    );
  } else if (prefix.kind === "fstring") {
    report(
      ctx,
      codes.pyUnsupported,
      "f-strings are not supported",
      start,
      scanned.end,
      "build the text with a plain string literal; Flow templates use {{ … }} inside ordinary strings",
    );
  }
  trackLines(ctx, start, scanned.end);
  ctx.pos = scanned.end;
}

function number(ctx: LexContext, start: number): void {
  const scanned = scanNumber(ctx.text, start);
  push(ctx, T.NumberLiteral, start, scanned.end);
  if (scanned.problem !== undefined) reportProblem(ctx, scanned.problem);
  else if (scanned.imaginary) {
    report(
      ctx,
      codes.pyUnsupported,
      "complex number literals are not supported",
      start,
      scanned.end,
      "use a real number",
    );
  }
  ctx.pos = scanned.end;
}

function invalidCharacter(ctx: LexContext, at: number): void {
  const cp = ctx.text.codePointAt(at) ?? 0;
  const ch = String.fromCodePoint(cp);
  ctx.pos = at + ch.length;
  if (cp === 0) return; // reported once for the whole text
  if (countUnlisted(ctx, codes.pySyntax, at)) return;

  const hex = cp.toString(16).toUpperCase().padStart(4, "0");
  const shown =
    cp < 32 || (cp >= 127 && cp < 161) || cp === 0xfeff || cp === 0x200b
      ? `non-printable character U+${hex}`
      : `character '${ch}' (U+${hex})`;
  report(
    ctx,
    codes.pySyntax,
    `invalid ${shown}`,
    at,
    at + ch.length,
    "remove it; Python code may only use it inside strings and comments",
  );
}

interface OperatorEntry {
  readonly lexeme: string;
  readonly type: TokenType;
}

/**
 * Operators grouped by first character (an array indexed by its code: every operator is
 * ASCII), longest first: one array read, then a few `startsWith`.
 */
const operatorsByFirstChar: readonly (readonly OperatorEntry[] | undefined)[] =
  (() => {
    const table: OperatorEntry[][] = [];
    for (const [lexeme, type] of T.operators) {
      const first = lexeme.charCodeAt(0);
      if (first >= 128) throw new InternalError(`non-ASCII operator ${lexeme}`);
      (table[first] ??= []).push({ lexeme, type });
    }
    for (const list of table)
      list?.sort((a, b) => b.lexeme.length - a.lexeme.length);
    return table;
  })();

function operator(ctx: LexContext, start: number): void {
  const { text } = ctx;
  const candidates = operatorsByFirstChar[text.charCodeAt(start)] ?? [];
  for (let k = 0; k < candidates.length; k++) {
    const candidate = candidates[k];
    if (candidate === undefined) break;
    const { lexeme, type } = candidate;
    if (!text.startsWith(lexeme, start)) continue;
    const len = lexeme.length;
    const token = push(ctx, type, start, start + len, undefined, lexeme);
    if (type === T.LParen || type === T.LBracket || type === T.LBrace)
      ctx.brackets.push(token);
    else if (type === T.RParen || type === T.RBracket || type === T.RBrace)
      closeBracket(ctx, token, lexeme);
    ctx.pos = start + len;
    return;
  }
  invalidCharacter(ctx, start);
}

function closeBracket(ctx: LexContext, token: IToken, lexeme: string): void {
  const open = ctx.brackets.pop();
  if (open === undefined) {
    report(
      ctx,
      codes.pySyntax,
      `unmatched '${lexeme}'`,
      token.startOffset,
      token.startOffset + 1,
      "remove it or add the opening bracket",
    );
  } else if (open.image !== closers[lexeme]) {
    report(
      ctx,
      codes.pySyntax,
      `closing parenthesis '${lexeme}' does not match opening parenthesis '${open.image}' on line ${open.startLine ?? 0}`,
      token.startOffset,
      token.startOffset + 1,
      "close brackets in the reverse order they were opened",
    );
  }
}

/** `\` outside strings: joins with the next line, anything else after it is an error. */
function continuation(ctx: LexContext, at: number): void {
  const { text } = ctx;
  const next = text.charCodeAt(at + 1);
  if (isLineBreak(next)) {
    ctx.pos = newline(ctx, at + 1);
    if (ctx.pos >= text.length)
      report(
        ctx,
        codes.pySyntax,
        "unexpected end of input after line continuation",
        at,
        at + 1,
        "remove the trailing '\\'",
      );
    return;
  }
  if (at + 1 >= text.length) {
    report(
      ctx,
      codes.pySyntax,
      "unexpected end of input after line continuation",
      at,
      at + 1,
      "remove the trailing '\\'",
    );
  } else {
    report(
      ctx,
      codes.pySyntax,
      "unexpected character after line continuation character",
      at,
      at + 1,
      "a '\\' outside a string must be the last character on its line",
    );
  }
  ctx.pos = at + 1;
}

function endOfLogicalLine(ctx: LexContext, at: number): void {
  const last = ctx.tokens[ctx.count - 1];
  if (
    last !== undefined &&
    last.tokenType !== T.Newline &&
    last.tokenType !== T.Dedent &&
    last.tokenType !== T.Indent
  ) {
    push(ctx, T.Newline, at, at);
  }
}

/**
 * Tokenizes `text`. Always returns tokens ending with NEWLINE (if any) and DEDENTs. The
 * first `maxListed` problems found become diagnostics, the others are only counted.
 */
export function lexPython(
  text: string,
  lines: LineIndex,
  maxListed = Number.POSITIVE_INFINITY,
): LexResult {
  const ctx: LexContext = {
    text,
    lines,
    // Python text has 4 or more characters per token (7 in the corpus's median program):
    // one array of that size costs less than growing one token by token (each growth
    // copies the whole array); it is cut to the real count at the end.
    tokens: new Array<IToken>((text.length >> 2) + 16),
    count: 0,
    diagnostics: [],
    maxListed,
    unlisted: noneUnlisted(),
    indents: [0],
    altIndents: [0],
    brackets: [],
    pos: 0,
    line: 1,
    lineStart: 0,
  };
  const surrogate = loneSurrogates(text, 1)[0];
  if (surrogate !== undefined) {
    // CPython cannot even encode such text (it must be valid UTF-8), wherever it occurs.
    report(
      ctx,
      codes.pySyntax,
      "invalid text: unpaired UTF-16 surrogate",
      surrogate,
      surrogate + 1,
      "the text is not valid Unicode; remove the broken character",
    );
  }
  const nul = text.indexOf("\0");
  if (nul >= 0) {
    // CPython refuses the whole text, even when the NUL is inside a string or a comment.
    report(
      ctx,
      codes.pySyntax,
      "source code cannot contain null bytes (U+0000)",
      nul,
      nul + 1,
      "remove the NUL characters",
    );
  }
  let lineStart = true;
  while (ctx.pos < text.length) {
    if (lineStart) {
      lineStart = false;
      if (!indentation(ctx)) break;
    }
    const at = ctx.pos;
    const c = text.charCodeAt(at);
    if (c === 32 || c === 9 || c === 12) {
      // A whole run at once: continuation lines in brackets start with long ones.
      let i = at + 1;
      for (let b = text.charCodeAt(i); b === 32 || b === 9 || b === 12;)
        b = text.charCodeAt(++i);
      ctx.pos = i;
    } else if (c === 35) {
      while (ctx.pos < text.length && !isLineBreak(text.charCodeAt(ctx.pos)))
        ctx.pos++;
    } else if (isLineBreak(c)) {
      if (ctx.brackets.length === 0) {
        endOfLogicalLine(ctx, at);
        lineStart = true;
      }
      ctx.pos = newline(ctx, at);
    } else if (c === 92) continuation(ctx, at);
    else if (c === 34 || c === 39) string(ctx, at, at);
    else if (
      (c >= 48 && c <= 57) ||
      (c === 46 &&
        text.charCodeAt(at + 1) >= 48 &&
        text.charCodeAt(at + 1) <= 57)
    )
      number(ctx, at);
    else if (isIdentifierChar(c)) name(ctx, at);
    else operator(ctx, at);
  }
  for (const open of ctx.brackets) {
    report(
      ctx,
      codes.pySyntax,
      `'${open.image}' was never closed`,
      open.startOffset,
      open.startOffset + 1,
      `add the matching closing bracket`,
    );
  }
  endOfLogicalLine(ctx, text.length);
  while (ctx.indents.length > 1) {
    ctx.indents.pop();
    push(ctx, T.Dedent, text.length, text.length);
  }
  ctx.tokens.length = ctx.count;
  return {
    tokens: ctx.tokens,
    diagnostics: ctx.diagnostics,
    unlisted: ctx.unlisted,
  };
}
