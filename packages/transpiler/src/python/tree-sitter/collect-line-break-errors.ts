import { codes } from "../../diagnostics/codes.js";
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import type { ConvertContext, CstNode } from "./convert-context.js";

/**
 * Outside brackets, a line break ends CPython's logical line, and only a line break or a
 * `;` separates statements. tree-sitter's scanner emits a NEWLINE token only where the
 * grammar can take one, skipping other breaks as whitespace, and its error recovery may
 * split a line into two statements; so it accepts `x =\n 1`, `if a\n:` and `[1] {2: 3}`.
 * This walks every token with a bracket depth and checks both rules.
 */
export function collectLineBreakErrors(ctx: ConvertContext, root: CstNode): Diagnostic[] {
  const found: Diagnostic[] = [];
  let depth = 0;
  let previousEnd = 0;
  let previousType = "";
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
        const problem = checkToken(cursor.currentNode, depth, lineBreak, previousType);
        if (problem !== undefined) found.push(error(codes.pySyntax, problem, { span: ctx.lines.span(start, cursor.endIndex) }));
        if (OPENERS.has(type)) depth++;
        else if (CLOSERS.has(type)) depth = Math.max(0, depth - 1);
        lineBreak = false;
        previousType = type;
      }
      more = nextSiblingOrAncestorSibling(cursor);
    }
  } finally {
    cursor.delete();
  }
  return found;
}

function checkToken(token: CstNode, depth: number, lineBreak: boolean, previousType: string): string | undefined {
  if (depth > 0) return undefined;
  const starts = lineStart(token);
  if (lineBreak) return starts === undefined ? "invalid syntax: a line break ends the statement here" : undefined;
  if (starts === undefined || previousType === "") return undefined;
  if (starts.kind === "clause") return "invalid syntax: this clause must start a new line";
  // A one-line suite: `if x: a; b`.
  const firstInSuite = previousType === ":" && starts.node.parent?.type === "block" && starts.node.parent.startIndex === token.startIndex;
  if (previousType === ";" || firstInSuite) return undefined;
  return "invalid syntax: statements must be separated by a newline or `;`";
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

/** The statement (child of a module or block) or clause that begins with `token`, if any. */
function lineStart(token: CstNode): { readonly kind: "statement" | "clause"; readonly node: CstNode } | undefined {
  for (let n: CstNode | null = token; n !== null && n.startIndex === token.startIndex; n = n.parent) {
    const parent = n.parent?.type;
    if ((parent === "module" || parent === "block") && n.isNamed) return { kind: "statement", node: n };
    if (LINE_STARTS.has(n.type)) return { kind: "clause", node: n };
  }
  return undefined;
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
