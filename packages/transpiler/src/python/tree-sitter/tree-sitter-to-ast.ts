/**
 * The second Python frontend's conversion step: a tree-sitter-python CST → our AST
 * (`python/ast/nodes.ts`), for exactly the subset in `grammars/python-subset.ebnf`.
 *
 * Three passes over one tree, each reporting every problem it finds:
 * 1. syntax: ERROR/MISSING nodes and characters tree-sitter tolerates but CPython does not
 *    (`collect-syntax-errors.ts`); if any, conversion is skipped (the tree is a guess);
 * 2. conversion: statements (`convert-statement.ts`) and expressions
 *    (`convert-expression.ts`, `convert-operator.ts`, `convert-call.ts`,
 *    `convert-literal.ts`); constructs outside the subset become `py-unsupported`, and
 *    the few things tree-sitter accepts that CPython rejects become `py-syntax`.
 * Never throws on user input.
 */
import type { Diagnostic, Result } from "../../diagnostics/diagnostic.js";
import { fail, ok } from "../../diagnostics/diagnostic.js";
import type { Module } from "../ast/nodes.js";
import { collectLineBreakErrors } from "./collect-line-break-errors.js";
import { collectInvalidCharacters, collectLoneSurrogates, collectSyntaxErrors, collectTrailingContinuation } from "./collect-syntax-errors.js";
import { createContext, spanOf, syntaxChildren, type ConvertContext, type CstNode } from "./convert-context.js";
import { convertStatements } from "./convert-statement.js";
import { TOP_LEVEL } from "./indentation.js";

/** `root` must be the `module` node of a tree parsed from exactly `text`. */
export function treeSitterToAst(root: CstNode, text: string): Result<Module> {
  const ctx = createContext(text);
  const syntax = collectSyntax(ctx, root);
  if (syntax.length > 0) return fail(syntax);
  const body = convertStatements(ctx, syntaxChildren(root), 0, TOP_LEVEL);
  if (body === undefined || ctx.diagnostics.length > 0) return fail(ctx.diagnostics);
  return ok({ kind: "Module", body, span: spanOf(ctx, root) });
}

/**
 * Pass 1. An invalid character usually also breaks tree-sitter's parse right there; the
 * character is the better explanation, so ERROR nodes covering one are dropped.
 */
function collectSyntax(ctx: ConvertContext, root: CstNode): Diagnostic[] {
  const characters = [...collectInvalidCharacters(ctx, root), ...collectLoneSurrogates(ctx)];
  const covers = (d: Diagnostic): boolean =>
    characters.some((c) => d.span !== undefined && c.span !== undefined && c.span.start.offset >= d.span.start.offset && c.span.start.offset < Math.max(d.span.end.offset, d.span.start.offset + 1));
  const errors = root.hasError ? collectSyntaxErrors(ctx, root).filter((d) => !covers(d)) : collectLineBreakErrors(ctx, root);
  return [...errors, ...characters, ...collectTrailingContinuation(ctx, root)].sort(
    (a, b) => (a.span?.start.offset ?? 0) - (b.span?.start.offset ?? 0),
  );
}
