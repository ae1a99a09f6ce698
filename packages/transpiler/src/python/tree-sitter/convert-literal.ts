import { codes } from "../../diagnostics/codes.js";
import { error } from "../../diagnostics/diagnostic.js";
import type { Constant } from "../ast/nodes.js";
import {
  reportSyntax,
  reportUnsupported,
  spanOf,
  syntaxChildren,
  textOf,
  type ConvertContext,
  type CstNode,
} from "./convert-context.js";
import { decodeStringLiteral } from "./decode-string-literal.js";

/** A `string` or a `concatenated_string` (implicit concatenation is one constant in CPython). */
export function convertString(
  ctx: ConvertContext,
  node: CstNode,
): Constant | undefined {
  const parts = node.type === "string" ? [node] : syntaxChildren(ctx, node);
  let value = "";
  let failed = false;
  for (const part of parts) {
    const decoded = decodeStringLiteral(textOf(ctx, part));
    switch (decoded.kind) {
      case "str":
        value += decoded.value;
        break;
      case "unsupported":
        failed = true;
        reportUnsupported(ctx, part, decoded.construct);
        break;
      case "invalid": {
        failed = true;
        const span = ctx.lines.span(
          part.startIndex + decoded.start,
          part.startIndex + decoded.end,
        );
        ctx.diagnostics.push(error(codes.pySyntax, decoded.message, { span }));
        break;
      }
    }
  }
  return failed
    ? undefined
    : { kind: "Constant", value, span: spanOf(ctx, node) };
}

// The NUMBER forms of grammars/python-subset.ebnf part 1 (CPython's, minus imaginary).
const DIGITS = "[0-9](?:_?[0-9])*";
const EXPONENT = `[eE][+-]?${DIGITS}`;
const NUMBER = new RegExp(
  "^(?:" +
    [
      "[1-9](?:_?[0-9])*",
      "0(?:_?0)*",
      "0[xX](?:_?[0-9a-fA-F])+",
      "0[oO](?:_?[0-7])+",
      "0[bB](?:_?[01])+",
      `${DIGITS}\\.(?:${DIGITS})?(?:${EXPONENT})?`,
      `\\.${DIGITS}(?:${EXPONENT})?`,
      `${DIGITS}${EXPONENT}`,
    ].join("|") +
    ")$",
);

/**
 * An `integer` or `float` token. `raw` keeps the lexeme ("10.00", "1_000", "0xFF");
 * `value` is the JavaScript number (`Number` reads the prefixed forms, not underscores).
 */
export function convertNumber(
  ctx: ConvertContext,
  node: CstNode,
): Constant | undefined {
  const raw = textOf(ctx, node);
  if (NUMBER.test(raw))
    return {
      kind: "Constant",
      value: Number(raw.replaceAll("_", "")),
      raw,
      span: spanOf(ctx, node),
    };
  return reportNumber(ctx, node, raw);
}

/** tree-sitter also accepts Python 2 forms and some malformed ones CPython rejects. */
function reportNumber(
  ctx: ConvertContext,
  node: CstNode,
  raw: string,
): undefined {
  if (/[lL]$/.test(raw))
    return reportSyntax(
      ctx,
      node,
      "invalid decimal literal (Python 2 long suffix)",
    );
  if (
    /[jJ]$/.test(raw) &&
    NUMBER.test(raw.slice(0, -1)) &&
    !/^0[xXoObB]/.test(raw)
  )
    return reportUnsupported(ctx, node, "complex number literals");
  if (/^0[0-9_]*$/.test(raw)) {
    return reportSyntax(
      ctx,
      node,
      "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
    );
  }
  return reportSyntax(ctx, node, "invalid number literal");
}
