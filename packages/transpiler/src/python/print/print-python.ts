/**
 * Python printer: AST → text that black 23.1 (default settings) leaves unchanged.
 *
 * How the pieces connect:
 * - `statement-lines.ts` flattens statements into logical lines (black's `LineGenerator`);
 *   each line builds its tokens from `expression-leaves.ts`, where `precedence.ts` decides
 *   every parenthesis and `string-literal.ts` / `number-literal.ts` spell literals.
 * - `empty-lines.ts` decides blank lines (black's `EmptyLineTracker`).
 * - `layout-logical-line.ts` splits each logical line with `layout/`, a port of black's
 *   `linegen.py` splitting (right-hand split, optional parentheses, delimiter split, magic
 *   trailing commas). black's choices depend on trying splits in order and on side
 *   effects between attempts, which width-driven Doc groups cannot express, so the port
 *   decides the line breaks.
 * - The result is assembled as a Prettier Doc (blocks as `indent`, lines as `hardline`) and
 *   printed with Prettier's Doc printer.
 */
import { doc } from "prettier";
import type { Expr, Module } from "../ast/nodes.js";
import { emptyLinesBefore } from "./empty-lines.js";
import { layoutLogicalLine, type PhysicalLine } from "./layout-logical-line.js";
import { type LogicalLine, statementLines } from "./statement-lines.js";

type Doc = doc.builders.Doc;
const { hardline, indent } = doc.builders;

/**
 * Prints a module as black-formatted Python source (ends with a newline unless empty).
 *
 * @example
 * printPython(py.module([py.assign(py.name("x"), py.num("1"))])) // "x = 1\n"
 */
export function printPython(module: Module): string {
  const lines: LogicalLine[] = [];
  statementLines(module.body, 0, lines);
  if (lines.length === 0) return "";
  const blanks = emptyLinesBefore(lines);
  const root: Doc[] = [];
  const stack: Doc[][] = [root];
  lines.forEach((logical, i) => {
    while (stack.length - 1 > logical.depth) closeLevel(stack);
    while (stack.length - 1 < logical.depth) stack.push([]);
    const parts = stack[stack.length - 1] as Doc[];
    if (i > 0) for (let n = 0; n <= (blanks[i] as number); n++) parts.push(hardline);
    pushPhysicalLines(parts, layoutLogicalLine(logical));
  });
  while (stack.length > 1) closeLevel(stack);
  root.push(hardline);
  return doc.printer.printDocToString(root, { printWidth: 88, tabWidth: 4 }).formatted;
}

/**
 * Prints one expression as black would lay it out as an expression statement at module
 * level (possibly over several lines), without a trailing newline.
 *
 * @example
 * printExpression(py.compare(py.name("a"), "In", py.list([py.str("x")]))) // 'a in ["x"]'
 */
export function printExpression(expr: Expr): string {
  const lines: LogicalLine[] = [];
  statementLines([{ kind: "Expr", value: expr }], 0, lines);
  return layoutLogicalLine(lines[0] as LogicalLine)
    .map((l) => "    ".repeat(l.indent) + l.text)
    .join("\n");
}

function closeLevel(stack: Doc[][]): void {
  const inner = stack.pop() as Doc[];
  (stack[stack.length - 1] as Doc[]).push(indent(inner));
}

function pushPhysicalLines(parts: Doc[], physical: readonly PhysicalLine[]): void {
  physical.forEach((l, i) => {
    if (i > 0) parts.push(hardline);
    parts.push("    ".repeat(l.indent) + l.text);
  });
}
