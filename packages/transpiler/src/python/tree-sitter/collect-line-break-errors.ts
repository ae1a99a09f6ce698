import { codes } from "../../diagnostics/codes.js";
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ConvertContext, CstNode } from "./convert-context.js";

/**
 * Outside brackets, a line break ends CPython's logical line. tree-sitter's scanner only
 * emits a NEWLINE token where the grammar can take one and otherwise skips the break as
 * whitespace, so it accepts `x =\n 1` or `if a\n:` as one statement. This walks every
 * token with a bracket depth and reports a token that follows an unescaped line break at
 * depth 0 without starting a statement or clause.
 */
export function collectLineBreakErrors(ctx: ConvertContext, root: CstNode): Diagnostic[] {
  const found: Diagnostic[] = [];
  let depth = 0;
  let previousEnd = 0;
  let lineBreak = false;
  const cursor = root.walk();
  try {
    let more = cursor.gotoFirstChild();
    while (more) {
      const type = cursor.nodeType;
      const isTrivia = type === "comment" || type === "line_continuation";
      // A string is one token for the tokenizer: breaks inside it are its content.
      if (type !== "string" && !isTrivia && cursor.gotoFirstChild()) continue;
      const start = cursor.startIndex;
      lineBreak ||= hasUnescapedLineBreak(ctx.text, previousEnd, start);
      previousEnd = cursor.endIndex;
      if (!isTrivia) {
        if (depth === 0 && lineBreak && !startsLine(cursor.currentNode)) {
          found.push(error(codes.pySyntax, "invalid syntax: a line break ends the statement here", { span: ctx.lines.span(start, cursor.endIndex) }));
        }
        if (OPENERS.has(type)) depth++;
        else if (CLOSERS.has(type)) depth = Math.max(0, depth - 1);
        lineBreak = false;
      }
      more = nextSiblingOrAncestorSibling(cursor);
    }
  } finally {
    cursor.delete();
  }
  return found;
}

const OPENERS: ReadonlySet<string> = new Set(["(", "[", "{"]);
const CLOSERS: ReadonlySet<string> = new Set([")", "]", "}"]);

function nextSiblingOrAncestorSibling(cursor: ReturnType<CstNode["walk"]>): boolean {
  while (!cursor.gotoNextSibling()) {
    if (!cursor.gotoParent()) return false;
  }
  return true;
}

/** Clauses that begin a line of their own although their parent is not a block. */
const LINE_STARTS: ReadonlySet<string> = new Set([
  "elif_clause",
  "else_clause",
  "except_clause",
  "except_group_clause",
  "finally_clause",
  "case_clause",
  "decorator",
  "function_definition",
  "class_definition",
]);

function startsLine(token: CstNode): boolean {
  for (let n: CstNode | null = token; n !== null && n.startIndex === token.startIndex; n = n.parent) {
    const parent = n.parent?.type;
    if (parent === "module" || parent === "block" || LINE_STARTS.has(n.type)) return true;
  }
  return false;
}

/**
 * A line break in `text[from, to)` (between two tokens) not escaped by a backslash in the
 * same gap: a comment's trailing backslash escapes nothing.
 */
function hasUnescapedLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x0a && c !== 0x0d) continue;
    if (c === 0x0a && i > from && text.charCodeAt(i - 1) === 0x0d) continue;
    if (i === from || text.charCodeAt(i - 1) !== 0x5c) return true;
  }
  return false;
}
