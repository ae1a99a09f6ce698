/**
 * The second Python frontend's conversion step: a tree-sitter-python CST → our AST
 * (`python/ast/nodes.ts`), for exactly the subset in `grammars/python-subset.ebnf`.
 * tree-sitter is an error-tolerant parser for editors and accepts more than CPython, so
 * most of the work here is refusing what CPython refuses.
 *
 * 1. Syntax (`collect-syntax-errors.ts`, `collect-line-break-errors.ts`): ERROR and
 *    MISSING nodes, characters CPython rejects (found by `prepare-source.ts`), unpaired
 *    surrogates, statements tree-sitter joined across a line break or split without one,
 *    a final `\` continuation. If any, conversion is skipped: the tree is a guess.
 * 2. Conversion: statements (`convert-statement.ts` with CPython's indentation rules from
 *    `indentation.ts`, `convert-simple-statement.ts`, `convert-compound-statement.ts`) and
 *    expressions (`convert-expression.ts`, `convert-operator.ts`, `convert-call.ts`,
 *    `convert-generator.ts`, `convert-target.ts`, `convert-literal.ts` with
 *    `decode-string-literal.ts`). Constructs outside the subset become `py-unsupported`;
 *    what tree-sitter accepts but CPython rejects becomes `py-syntax` or
 *    `py-indentation`. Every problem is reported, not just the first.
 *
 * Never throws on user input.
 */
import type { Diagnostic, Result } from "../../diagnostics/diagnostic.js";
import { fail, ok } from "../../diagnostics/diagnostic.js";
import type { Module } from "../ast/nodes.js";
import { collectLineBreakErrors } from "./collect-line-break-errors.js";
import {
  collectLoneSurrogates,
  collectSyntaxErrors,
  hiddenError,
  invalidCharacterErrors,
  trailingContinuationError,
} from "./collect-syntax-errors.js";
import {
  createContext,
  spanOf,
  syntaxChildren,
  type ConvertContext,
  type CstNode,
} from "./convert-context.js";
import { convertStatements } from "./convert-statement.js";
import { TOP_LEVEL } from "./indentation.js";
import type { PreparedSource } from "./prepare-source.js";

/** `root` must be the `module` node of the tree parsed from `source.forParser`. */
export function treeSitterToAst(
  root: CstNode,
  source: PreparedSource,
  maxDepth: number,
): Result<Module> {
  const { ctx, syntax } = syntaxPass(root, source, maxDepth);
  if (syntax.length > 0) return fail(syntax);
  return convertModule(ctx, root);
}

/**
 * The diagnostics of `treeSitterToAst` alone (none when it is ok), for a caller that has
 * a cheaper judge of valid text: when tree-sitter finds no syntax error and `valid()`
 * vouches for the text, the conversion, which costs about as much as the parse, is skipped.
 * `valid` must only accept text the conversion accepts.
 */
export function treeSitterDiagnostics(
  root: CstNode,
  source: PreparedSource,
  maxDepth: number,
  valid: () => boolean,
): readonly Diagnostic[] {
  const { ctx, syntax } = syntaxPass(root, source, maxDepth);
  if (syntax.length > 0) return syntax;
  if (valid()) return [];
  const result = convertModule(ctx, root);
  return result.ok ? [] : result.diagnostics;
}

/** Pass 1 with its context, which pass 2 goes on with. */
function syntaxPass(
  root: CstNode,
  source: PreparedSource,
  maxDepth: number,
): { readonly ctx: ConvertContext; readonly syntax: readonly Diagnostic[] } {
  const ctx = createContext(
    source.original,
    root,
    maxDepth,
    source.hasLineContinuation,
    source.lines,
  );
  return { ctx, syntax: collectSyntax(ctx, root, source) };
}

/** Pass 2, on a tree without syntax errors. */
function convertModule(ctx: ConvertContext, root: CstNode): Result<Module> {
  const body = convertStatements(ctx, syntaxChildren(ctx, root), 0, TOP_LEVEL);
  if (body === undefined || ctx.diagnostics.length > 0)
    return fail(ctx.diagnostics);
  return ok({ kind: "Module", body, span: spanOf(ctx, root) });
}

/**
 * Pass 1. An invalid character usually also breaks tree-sitter's parse right there; the
 * character is the better explanation, so ERROR nodes covering one are dropped.
 */
function collectSyntax(
  ctx: ConvertContext,
  root: CstNode,
  source: PreparedSource,
): Diagnostic[] {
  const characters = [
    ...invalidCharacterErrors(ctx, source.invalidCharacters),
    ...collectLoneSurrogates(ctx, source.loneSurrogates),
  ];
  // Sorted, and searched by bisection: random bytes give thousands of both kinds.
  const offsets = characters
    .map((c) => c.span?.start.offset ?? -1)
    .sort((a, b) => a - b);
  const covered = (d: Diagnostic): boolean => {
    if (d.span === undefined) return false;
    const at = offsets[firstAtOrAfter(offsets, d.span.start.offset)];
    return (
      at !== undefined &&
      at < Math.max(d.span.end.offset, d.span.start.offset + 1)
    );
  };
  let errors = root.hasError
    ? collectSyntaxErrors(ctx, root).filter((d) => !covered(d))
    : [];
  if (errors.length === 0 && characters.length === 0) {
    errors = collectLineBreakErrors(ctx, root, source.forParser);
    // tree-sitter can flag an error on a token it hides (a MISSING newline): say where.
    if (errors.length === 0 && root.hasError) errors = [hiddenError(ctx, root)];
  }
  return [
    ...errors,
    ...characters,
    ...trailingContinuationError(ctx, source.trailingContinuation),
  ].sort((a, b) => (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0));
}

/** The index of the first element of the sorted `values` that is `>= target`. */
function firstAtOrAfter(values: readonly number[], target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
