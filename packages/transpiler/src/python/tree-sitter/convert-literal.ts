import { codes } from "../../diagnostics/codes.js";
import { error } from "../../diagnostics/diagnostic.js";
import type { Constant } from "../ast/nodes.js";
import { reportSyntax, reportUnsupported, spanOf, syntaxChildren, textOf, type ConvertContext, type CstNode } from "./convert-context.js";
import { decodeStringLiteral } from "./decode-string-literal.js";

/** A `string` or a `concatenated_string` (implicit concatenation is one constant in CPython). */
export function convertString(ctx: ConvertContext, node: CstNode): Constant | undefined {
  const parts = node.type === "string" ? [node] : syntaxChildren(node);
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
        const span = ctx.lines.span(part.startIndex + decoded.start, part.startIndex + decoded.end);
        ctx.diagnostics.push(error(codes.pySyntax, decoded.message, { span }));
        break;
      }
    }
  }
  return failed ? undefined : { kind: "Constant", value, span: spanOf(ctx, node) };
}

// Decimal forms only (see NumConstant): `raw` must be a lexeme `Number()` reads exactly.
const DECIMAL_INTEGER = /^(?:0+|[1-9][0-9]*)$/;
const DECIMAL_FLOAT = /^(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$|^[0-9]+[eE][+-]?[0-9]+$/;

/** An `integer` or `float` token. */
export function convertNumber(ctx: ConvertContext, node: CstNode): Constant | undefined {
  const raw = textOf(ctx, node);
  if (DECIMAL_INTEGER.test(raw) || DECIMAL_FLOAT.test(raw)) {
    return { kind: "Constant", value: Number(raw), raw, span: spanOf(ctx, node) };
  }
  return reportNumber(ctx, node, raw);
}

function reportNumber(ctx: ConvertContext, node: CstNode, raw: string): undefined {
  // tree-sitter also accepts Python 2 and malformed forms CPython rejects.
  if (/[lL]$/.test(raw)) return reportSyntax(ctx, node, "invalid decimal literal (Python 2 long suffix)");
  if (/^0[xX]/.test(raw)) return reportUnsupported(ctx, node, "hexadecimal integer literals");
  if (/^0[oO]/.test(raw)) return reportUnsupported(ctx, node, "octal integer literals");
  if (/^0[bB]/.test(raw)) return reportUnsupported(ctx, node, "binary integer literals");
  if (/^0[0-9_]*[1-9][0-9_]*$/.test(raw)) {
    return reportSyntax(ctx, node, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
  }
  if (/__|_$|_\.|\._|_[eEjJ]|[eE][+-]?_/.test(raw)) return reportSyntax(ctx, node, "invalid decimal literal");
  if (/[jJ]$/.test(raw)) return reportUnsupported(ctx, node, "complex number literals");
  if (raw.includes("_")) return reportUnsupported(ctx, node, "underscores in number literals");
  return reportSyntax(ctx, node, "invalid number literal");
}
