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
export function collectLineBreakErrors(
  ctx: ConvertContext,
  root: CstNode,
  parserText: string,
): Diagnostic[] {
  const found: Diagnostic[] = [];
  let depth = 0;
  let previousEnd = 0;
  let previousType = "";
  let lineBreak = false;
  // The ancestors of the cursor's node, kept here because `Node.parent` costs O(depth) in
  // tree-sitter (nodes have no parent pointer), which is quadratic on long chains.
  const ancestors: Entry[] = [];
  const breaks = lineBreakOffsets(parserText);
  const cursor = root.walk();
  try {
    ancestors.push(entryAt(cursor));
    let more = cursor.gotoFirstChild();
    while (more) {
      const entry = entryAt(cursor);
      const isTrivia =
        entry.type === "comment" || entry.type === "line_continuation";
      // A string is one token for the tokenizer: breaks inside it are its content. A part
      // of a statement on one line (in the parser's text) holds no line break and balanced
      // brackets, so it is checked like one token: most nodes are never visited. So is a
      // whole simple statement on one line: only its first token can break a rule, and it
      // starts where the statement does. (Rows are looked up in `breaks`: the cursor's
      // positions cost two wasm calls each.)
      const end = cursor.endIndex;
      const atomic =
        entry.type === "string" ||
        isTrivia ||
        (!hasOffsetIn(breaks, entry.start, end) &&
          (!startsOwnLine(entry, ancestors) ||
            !HOLDS_STATEMENTS.has(entry.type)));
      if (!atomic && cursor.gotoFirstChild()) {
        ancestors.push(entry);
        continue;
      }
      // In the parser's text comments are blanked: a backslash ending one escapes nothing.
      lineBreak ||= hasUnescapedLineBreak(parserText, previousEnd, entry.start);
      previousEnd = end;
      if (!isTrivia) {
        const problem =
          depth > 0
            ? undefined
            : checkToken(entry, ancestors, lineBreak, previousType);
        if (problem !== undefined)
          found.push(
            error(codes.pySyntax, problem, {
              span: ctx.lines.span(entry.start, end),
            }),
          );
        if (OPENERS.has(entry.type)) depth++;
        else if (CLOSERS.has(entry.type)) depth = Math.max(0, depth - 1);
        lineBreak = false;
        previousType = entry.type;
      }
      more = false;
      while (!more) {
        more = cursor.gotoNextSibling();
        if (!more && !cursor.gotoParent()) break;
        if (!more) ancestors.pop();
      }
    }
  } finally {
    cursor.delete();
  }
  return found;
}

interface Entry {
  readonly type: string;
  readonly start: number;
  readonly named: boolean;
}

function entryAt(cursor: ReturnType<CstNode["walk"]>): Entry {
  return {
    type: cursor.nodeType,
    start: cursor.startIndex,
    named: cursor.nodeIsNamed,
  };
}

function checkToken(
  token: Entry,
  ancestors: readonly Entry[],
  lineBreak: boolean,
  previousType: string,
): string | undefined {
  const starts = lineStart(token, ancestors);
  if (lineBreak)
    return starts === undefined
      ? "invalid syntax: a line break ends the statement here"
      : undefined;
  if (starts === undefined || previousType === "") return undefined;
  if (starts.kind === "clause")
    return "invalid syntax: this clause must start a new line";
  // A one-line suite: `if x: a; b`.
  const firstInSuite =
    previousType === ":" &&
    starts.parent?.type === "block" &&
    starts.parent.start === token.start;
  if (previousType === ";" || firstInSuite) return undefined;
  return "invalid syntax: statements must be separated by a newline or `;`";
}

/** Nodes that can hold statements or clauses, so are visited even on one line. */
const HOLDS_STATEMENTS: ReadonlySet<string> = new Set([
  "module",
  "block",
  "if_statement",
  "for_statement",
  "while_statement",
  "try_statement",
  "with_statement",
  "match_statement",
  "function_definition",
  "class_definition",
  "decorated_definition",
  "elif_clause",
  "else_clause",
  "except_clause",
  "except_group_clause",
  "finally_clause",
  "case_clause",
]);

const OPENERS: ReadonlySet<string> = new Set(["(", "[", "{"]);
const CLOSERS: ReadonlySet<string> = new Set([")", "]", "}"]);

/** A statement, a block or a clause: nodes whose tokens are checked one by one. */
function startsOwnLine(entry: Entry, ancestors: readonly Entry[]): boolean {
  const parent = ancestors[ancestors.length - 1]?.type;
  return (
    entry.type === "module" ||
    entry.type === "block" ||
    LINE_STARTS.has(entry.type) ||
    (entry.named && (parent === "module" || parent === "block"))
  );
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
function lineStart(
  token: Entry,
  ancestors: readonly Entry[],
):
  | {
      readonly kind: "statement" | "clause";
      readonly parent: Entry | undefined;
    }
  | undefined {
  let node = token;
  for (let i = ancestors.length - 1; ; i--) {
    const parent = ancestors[i];
    if (node.named && (parent?.type === "module" || parent?.type === "block"))
      return { kind: "statement", parent };
    if (LINE_STARTS.has(node.type)) return { kind: "clause", parent };
    if (parent === undefined || parent.start !== token.start) return undefined;
    node = parent;
  }
}

/** A line break in `text[from, to)` (between two tokens) not escaped by a backslash. */
function hasUnescapedLineBreak(
  text: string,
  from: number,
  to: number,
): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x0a && c !== 0x0d) continue;
    if (c === 0x0a && i > from && text.charCodeAt(i - 1) === 0x0d) continue;
    if (text.charCodeAt(i - 1) !== 0x5c) return true;
  }
  return false;
}

/** Offsets of the "\n" in `text` (where tree-sitter's rows end), ascending. */
function lineBreakOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1))
    out.push(i);
  return out;
}

/** Whether some element of the ascending `offsets` lies in `[from, to)`. */
function hasOffsetIn(
  offsets: readonly number[],
  from: number,
  to: number,
): boolean {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid] ?? 0) < from) lo = mid + 1;
    else hi = mid;
  }
  return (offsets[lo] ?? Number.POSITIVE_INFINITY) < to;
}
