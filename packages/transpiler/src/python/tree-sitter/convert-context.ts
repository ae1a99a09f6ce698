import type { Node as CstNode } from "web-tree-sitter";
import { codes } from "../../diagnostics/codes.js";
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { createLineIndex, type LineIndex } from "../../source/line-index.js";
import type { Span } from "../../source/span.js";

export type { CstNode };

/**
 * Per-call state of one CST → AST conversion. `diagnostics` is the only mutable part and
 * belongs to this call alone.
 */
export interface ConvertContext {
  readonly text: string;
  readonly root: CstNode;
  readonly lines: LineIndex;
  readonly diagnostics: Diagnostic[];
}

/**
 * CST nesting deeper than this is reported as `py-too-deep` instead of converted, so the
 * recursive converter can never exhaust the JavaScript stack (CPython itself stops at 200
 * nested brackets and 100 indentation levels).
 */
export const MAX_DEPTH = 500;

export function createContext(text: string, root: CstNode): ConvertContext {
  return { text, root, lines: createLineIndex(text), diagnostics: [] };
}

/**
 * web-tree-sitter receives the text as UTF-16, so `startIndex`/`endIndex` are UTF-16 code
 * unit offsets (its byte offsets halved), which is exactly our `Position.offset`; lines and
 * columns come from our own line index so they agree with every other frontend.
 */
export function spanOf(ctx: ConvertContext, node: CstNode): Span {
  return ctx.lines.span(node.startIndex, node.endIndex);
}

export function spanBetween(ctx: ConvertContext, first: CstNode, last: CstNode): Span {
  return ctx.lines.span(first.startIndex, last.endIndex);
}

/** The node's source text, sliced from our string (no round trip through the wasm heap). */
export function textOf(ctx: ConvertContext, node: CstNode): string {
  return ctx.text.slice(node.startIndex, node.endIndex);
}

/** Named children that are part of the syntax (not comments or line continuations). */
export function syntaxChildren(node: CstNode): CstNode[] {
  return node.namedChildren.filter((c): c is CstNode => c !== null && !c.isExtra);
}

export function field(node: CstNode, name: string): CstNode | undefined {
  return node.childForFieldName(name) ?? undefined;
}

/** All children, anonymous tokens included, without comments. */
export function tokens(node: CstNode): CstNode[] {
  return node.children.filter((c): c is CstNode => c !== null && !c.isExtra);
}

export function reportSyntax(ctx: ConvertContext, node: CstNode, message: string): undefined {
  ctx.diagnostics.push(error(codes.pySyntax, message, { span: spanOf(ctx, node) }));
  return undefined;
}

export function reportUnsupported(ctx: ConvertContext, node: CstNode, construct: string): undefined {
  ctx.diagnostics.push(
    error(codes.pyUnsupported, `unsupported Python construct: ${construct}`, { span: spanOf(ctx, node) }),
  );
  return undefined;
}

export function reportTooDeep(ctx: ConvertContext, node: CstNode): undefined {
  ctx.diagnostics.push(
    error(codes.pyTooDeep, `code is nested more than ${MAX_DEPTH} levels deep`, { span: spanOf(ctx, node) }),
  );
  return undefined;
}
