import type { Node as CstNode } from "web-tree-sitter";
import { codes } from "../../diagnostics/codes.js";
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { createLineIndex, type LineIndex } from "../../source/line-index.js";
import type { Span } from "../../source/span.js";

export type { CstNode };

/**
 * Per-call state of one CST → AST conversion. `diagnostics` and `frames` are the only
 * mutable parts and belong to this call alone.
 */
export interface ConvertContext {
  readonly text: string;
  readonly root: CstNode;
  readonly lines: LineIndex;
  readonly diagnostics: Diagnostic[];
  /** Nesting allowed by `grammars/python-subset.ebnf` part 5 (`py-too-deep` beyond). */
  readonly maxDepth: number;
  /** Converter calls currently on the stack (see `MAX_FRAMES`). */
  frames: number;
  /** False when the tree cannot hold extra nodes (see `PreparedSource`). */
  readonly hasExtras: boolean;
}

/**
 * A stack-safety net independent of `maxDepth`: chains the nesting measure does not count
 * (`a.b.c…`, `f()()…`) still recurse, so past this many frames the converter stops with
 * `py-too-deep` instead of exhausting the JavaScript stack.
 */
const MAX_FRAMES = 1_000;

export function createContext(
  text: string,
  root: CstNode,
  maxDepth: number,
  hasExtras = true,
  lines: LineIndex = createLineIndex(text),
): ConvertContext {
  return {
    text,
    root,
    lines,
    diagnostics: [],
    maxDepth,
    frames: 0,
    hasExtras,
  };
}

/** Runs one converter call, counted against `MAX_FRAMES`. */
export function inFrame<T>(
  ctx: ConvertContext,
  node: CstNode,
  convert: () => T | undefined,
): T | undefined {
  if (ctx.frames >= MAX_FRAMES) return reportTooDeep(ctx, node);
  ctx.frames++;
  try {
    return convert();
  } finally {
    ctx.frames--;
  }
}

/**
 * web-tree-sitter receives the text as UTF-16, so `startIndex`/`endIndex` are UTF-16 code
 * unit offsets (its byte offsets halved), which is exactly our `Position.offset`; lines and
 * columns come from our own line index so they agree with every other frontend.
 */
export function spanOf(ctx: ConvertContext, node: CstNode): Span {
  return ctx.lines.span(node.startIndex, node.endIndex);
}

/** The node's source text, sliced from our string (no round trip through the wasm heap). */
export function textOf(ctx: ConvertContext, node: CstNode): string {
  return ctx.text.slice(node.startIndex, node.endIndex);
}

/**
 * Named children that are part of the syntax (not comments or line continuations). Each
 * `isExtra` is a call into the wasm module, skipped when the tree has no extras.
 */
export function syntaxChildren(ctx: ConvertContext, node: CstNode): CstNode[] {
  const children = node.namedChildren;
  return ctx.hasExtras
    ? children.filter((c): c is CstNode => c !== null && !c.isExtra)
    : children.filter((c): c is CstNode => c !== null);
}

export function field(node: CstNode, name: string): CstNode | undefined {
  return node.childForFieldName(name) ?? undefined;
}

/** All children, anonymous tokens included, without comments. */
export function tokens(ctx: ConvertContext, node: CstNode): CstNode[] {
  const children = node.children;
  return ctx.hasExtras
    ? children.filter((c): c is CstNode => c !== null && !c.isExtra)
    : children.filter((c): c is CstNode => c !== null);
}

/**
 * Whether the first token of `node` is the keyword `word` (`async def`, `async for`, …).
 * A node never starts with an extra (tree-sitter leaves a leading continuation to the
 * parent), so its text shows the keyword without listing the children, a wasm call and a
 * node object per child; the token check then keeps out identifiers such as `asyncio`.
 */
export function startsWithKeyword(
  ctx: ConvertContext,
  node: CstNode,
  word: string,
): boolean {
  return (
    ctx.text.startsWith(word, node.startIndex) &&
    tokens(ctx, node)[0]?.type === word
  );
}

/**
 * Whether `node`, whose syntax children are `parts`, has a `,` token. When it has no
 * other children (the usual case) there is none, and its tokens are not listed.
 */
export function hasComma(
  ctx: ConvertContext,
  node: CstNode,
  parts: readonly CstNode[],
): boolean {
  return (
    node.childCount > parts.length &&
    tokens(ctx, node).some((t) => t.type === ",")
  );
}

export function reportSyntax(
  ctx: ConvertContext,
  node: CstNode,
  message: string,
): undefined {
  ctx.diagnostics.push(
    error(codes.pySyntax, message, { span: spanOf(ctx, node) }),
  );
  return undefined;
}

export function reportUnsupported(
  ctx: ConvertContext,
  node: CstNode,
  construct: string,
): undefined {
  ctx.diagnostics.push(
    error(codes.pyUnsupported, `unsupported Python construct: ${construct}`, {
      span: spanOf(ctx, node),
    }),
  );
  return undefined;
}

export function reportTooDeep(ctx: ConvertContext, node: CstNode): undefined {
  ctx.diagnostics.push(
    error(
      codes.pyTooDeep,
      `the Python code is nested too deeply (the limit is ${ctx.maxDepth} levels)`,
      {
        span: spanOf(ctx, node),
        hint: "flatten the code or raise maxDepth",
      },
    ),
  );
  return undefined;
}
