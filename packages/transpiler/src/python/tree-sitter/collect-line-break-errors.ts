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
  const cursor = root.walk();
  let depth = 0;
  let previousEnd = -1;
  try {
    for (let more = cursor.gotoFirstChild(); more; more = nextInPreorder(cursor)) {
      const type = cursor.nodeType;
      if (type === "comment" || type === "line_continuation") continue;
      // A string is one token for the tokenizer: breaks inside it are its content.
      if (type !== "string" && cursor.gotoFirstChild()) {
        cursor.gotoParent();
        continue;
      }
      const start = cursor.startIndex;
      if (depth === 0 && previousEnd >= 0 && hasUnescapedLineBreak(ctx.text, previousEnd, start) && !startsLine(cursor.currentNode)) {
        found.push(error(codes.pySyntax, "invalid syntax: a line break ends the statement here", { span: ctx.lines.span(start, cursor.endIndex) }));
      }
      if (OPENERS.has(type)) depth++;
      else if (CLOSERS.has(type)) depth = Math.max(0, depth - 1);
      previousEnd = cursor.endIndex;
    }
  } finally {
    cursor.delete();
  }
  return found;
}

const OPENERS: ReadonlySet<string> = new Set(["(", "[", "{"]);
const CLOSERS: ReadonlySet<string> = new Set([")", "]", "}"]);

/** Moves to the next node in preorder, skipping the children of strings. */
function nextInPreorder(cursor: ReturnType<CstNode["walk"]>): boolean {
  if (cursor.nodeType !== "string" && cursor.gotoFirstChild()) return true;
  for (;;) {
    if (cursor.gotoNextSibling()) return true;
    if (!cursor.gotoParent()) return false;
  }
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

function hasUnescapedLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x0a && c !== 0x0d) continue;
    if (c === 0x0a && text.charCodeAt(i - 1) === 0x0d) continue;
    if (text.charCodeAt(i - 1) !== 0x5c) return true;
  }
  return false;
}
