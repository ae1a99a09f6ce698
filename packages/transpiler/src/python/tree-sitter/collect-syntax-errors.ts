import { codes } from "../../diagnostics/codes.js";
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import {
  spanOf,
  textOf,
  type ConvertContext,
  type CstNode,
} from "./convert-context.js";

/**
 * tree-sitter never fails: it recovers with ERROR nodes (text it could not place) and
 * zero-width MISSING nodes (tokens it invented). Each one becomes a `py-syntax` diagnostic.
 * Only subtrees flagged `hasError` are visited, with an explicit stack (no recursion).
 */
export function collectSyntaxErrors(
  ctx: ConvertContext,
  root: CstNode,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  const stack: CstNode[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.isMissing)
      found.push(
        error(
          codes.pySyntax,
          `invalid syntax: expected ${describeMissing(node)}`,
          { span: spanOf(ctx, node) },
        ),
      );
    else if (node.isError) found.push(describeError(ctx, node));
    else if (node.hasError) {
      // One call for all children: `child(i)` crosses into wasm once per child, and the
      // flagged path runs through the block of every statement (thousands, in 100 KB).
      const children = node.children;
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i];
        if (child !== null && child !== undefined) stack.push(child);
      }
    }
  }
  return found;
}

/** An error flag with no ERROR or MISSING node to show: blame the innermost flagged node. */
export function hiddenError(ctx: ConvertContext, root: CstNode): Diagnostic {
  let node = root;
  for (
    let child = node.children.find((c) => c?.hasError === true);
    child;
    child = node.children.find((c) => c?.hasError === true)
  )
    node = child;
  return error(codes.pySyntax, "invalid syntax", {
    span: firstLineSpan(ctx, node.startIndex, node.endIndex),
  });
}

function describeMissing(node: CstNode): string {
  const type = node.type;
  return type === "identifier" ? "a name" : `\`${type}\``;
}

const CLOSERS: Readonly<Record<string, string>> = {
  "(": ")",
  "[": "]",
  "{": "}",
};

/**
 * The likeliest cause inside one ERROR node, in CPython's words where they are known: an
 * unterminated string, a bracket never closed, else the first token that did not fit.
 */
function describeError(ctx: ConvertContext, node: CstNode): Diagnostic {
  const parts = node.children.filter(
    (c): c is CstNode => c !== null && !c.isExtra,
  );
  const quote = parts.find((c) => c.type === "string_start");
  if (quote !== undefined) {
    const triple = /("""|''')$/.test(textOf(ctx, quote));
    const message = triple
      ? "unterminated triple-quoted string literal"
      : "unterminated string literal";
    return error(codes.pySyntax, message, {
      span: firstLineSpan(ctx, quote.startIndex, node.endIndex),
    });
  }
  const open: CstNode[] = [];
  for (const part of parts) {
    if (CLOSERS[part.type] !== undefined) open.push(part);
    else if (
      open.length > 0 &&
      part.type === CLOSERS[open[open.length - 1]?.type ?? ""]
    )
      open.pop();
  }
  const [unclosed] = open;
  if (unclosed !== undefined)
    return error(codes.pySyntax, `'${unclosed.type}' was never closed`, {
      span: spanOf(ctx, unclosed),
    });
  const leaf = firstLeaf(node);
  const text = firstLine(
    leaf.endIndex > leaf.startIndex ? textOf(ctx, leaf) : textOf(ctx, node),
  );
  const what =
    text === ""
      ? "end of input"
      : `\`${text.length > 30 ? `${text.slice(0, 30)}…` : text}\``;
  return error(codes.pySyntax, `invalid syntax: unexpected ${what}`, {
    span: firstLineSpan(ctx, node.startIndex, node.endIndex),
  });
}

/** `text` up to its first line break (an ERROR node can hold most of the text). */
function firstLine(text: string): string {
  const lineBreak = text.search(/[\r\n]/);
  return lineBreak < 0 ? text : text.slice(0, lineBreak);
}

/** The first token of the ERROR node: usually where the parser gave up. */
function firstLeaf(node: CstNode): CstNode {
  let leaf = node;
  for (let child = leaf.child(0); child !== null; child = leaf.child(0))
    leaf = child;
  return leaf;
}

/** ERROR nodes can swallow many lines; the diagnostic points at the first one only. */
function firstLineSpan(ctx: ConvertContext, start: number, end: number) {
  const lineBreak = ctx.text.slice(start, end).search(/\r?\n|\r/);
  return ctx.lines.span(start, lineBreak < 0 ? end : start + lineBreak);
}

/** A `\\` continuation at the very end, found by `prepareSource`. */
export function trailingContinuationError(
  ctx: ConvertContext,
  offset: number | undefined,
): Diagnostic[] {
  if (offset === undefined) return [];
  return [
    error(codes.pySyntax, "unexpected EOF while parsing", {
      span: ctx.lines.span(offset, offset + 1),
    }),
  ];
}

/** The characters `prepareSource` found: CPython's "invalid non-printable character". */
export function invalidCharacterErrors(
  ctx: ConvertContext,
  offsets: readonly number[],
): Diagnostic[] {
  return offsets.map((offset) => {
    const code = ctx.text
      .charCodeAt(offset)
      .toString(16)
      .toUpperCase()
      .padStart(4, "0");
    return error(codes.pySyntax, `invalid non-printable character U+${code}`, {
      span: ctx.lines.span(offset, offset + 1),
    });
  });
}

// A surrogate without its partner cannot be encoded as UTF-8, so it cannot be in source
// code (CPython fails to encode such a str before parsing it). `offsets` are those of
// `loneSurrogates(ctx.text)`, which `prepareSource` finds once for a session's rounds.
export function collectLoneSurrogates(
  ctx: ConvertContext,
  offsets: readonly number[],
): Diagnostic[] {
  return offsets.map((offset) => {
    const code = ctx.text.charCodeAt(offset).toString(16).toUpperCase();
    return error(
      codes.pySyntax,
      `invalid character: unpaired surrogate U+${code}`,
      { span: ctx.lines.span(offset, offset + 1) },
    );
  });
}
