/**
 * Shared plumbing of the CST → AST conversion: the per-call context that collects
 * diagnostics, span helpers, and the placeholder expression returned where a construct
 * was reported (the conversion continues so every problem in a file is reported; the
 * placeholder never escapes because any diagnostic makes the parse fail).
 */
import type { CstElement, CstNode, IToken } from "chevrotain";
import { codes } from "../../diagnostics/codes.js";
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { LineIndex } from "../../source/line-index.js";
import type { Span } from "../../source/span.js";
import type { Expr, Name } from "../ast/nodes.js";
import { countUnlisted, type UnlistedCounter } from "./unlisted.js";

export interface ConvertContext {
  readonly lines: LineIndex;
  readonly diagnostics: Diagnostic[];
  /** Problems past the first `maxListed` are only counted (see `unlisted.ts`). */
  readonly maxListed: number;
  readonly unlisted: UnlistedCounter;
}

/**
 * An expression with the extent it was written with, parentheses included. CPython's
 * enclosing nodes (BoolOp, Call, Assign, keyword, …) span that extent, while the node
 * itself excludes its parentheses: in `(a) or b` the Name spans `a`, the BoolOp `(a) or b`.
 */
export interface Part {
  readonly expr: Expr;
  /** Offsets `[start, end)`. */
  readonly start: number;
  readonly end: number;
}

export const tokenEnd = (t: IToken): number => t.startOffset + t.image.length;

export function tokenSpan(ctx: ConvertContext, t: IToken): Span {
  return ctx.lines.span(t.startOffset, tokenEnd(t));
}

export function unsupported(
  ctx: ConvertContext,
  message: string,
  start: number,
  end: number,
  hint: string,
): void {
  if (countUnlisted(ctx, codes.pyUnsupported, start)) return;
  ctx.diagnostics.push(
    error(codes.pyUnsupported, message, {
      span: ctx.lines.span(start, end),
      hint,
    }),
  );
}

export function syntaxError(
  ctx: ConvertContext,
  message: string,
  start: number,
  end: number,
  hint?: string,
): void {
  if (countUnlisted(ctx, codes.pySyntax, start)) return;
  ctx.diagnostics.push(
    error(codes.pySyntax, message, {
      span: ctx.lines.span(start, end),
      ...(hint === undefined ? {} : { hint }),
    }),
  );
}

/** Stands in for a construct that has been reported; recognised by `isPlaceholder`. */
export function placeholder(span: Span | undefined): Name {
  return span === undefined
    ? { kind: "Name", id: "" }
    : { kind: "Name", id: "", span };
}

export const isPlaceholder = (e: Expr): boolean =>
  e.kind === "Name" && e.id === "";

const isToken = (el: CstElement): el is IToken => !("children" in el);

/** The token with the smallest (`first`) or largest offset under a CST node. */
function extremeToken(node: CstNode, first: boolean): IToken | undefined {
  let best: IToken | undefined;
  for (const list of Object.values(node.children)) {
    for (const el of list) {
      const t = isToken(el) ? el : extremeToken(el, first);
      if (t === undefined || t.image === "") continue;
      if (
        best === undefined ||
        (first
          ? t.startOffset < best.startOffset
          : t.startOffset > best.startOffset)
      )
        best = t;
    }
  }
  return best;
}

/** Offsets `[start, end)` covered by a CST node's non-empty tokens (error paths only). */
export function nodeRange(node: CstNode): {
  readonly start: number;
  readonly end: number;
} {
  const first = extremeToken(node, true);
  const last = extremeToken(node, false);
  return {
    start: first?.startOffset ?? 0,
    end: last === undefined ? 0 : tokenEnd(last),
  };
}
