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
 * - The physical lines are joined with four spaces per indentation level (none on an empty
 *   line: like the Prettier Doc printer this used to go through, lines end in no blanks).
 */
import type { Expr, Module } from "../ast/nodes.js";
import { emptyLinesBefore } from "./empty-lines.js";
import { layoutLogicalLine } from "./layout-logical-line.js";
import { type LogicalLine, statementLines } from "./statement-lines.js";

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
  let out = "";
  for (let i = 0; i < lines.length; i++) {
    const logical = lines[i] as LogicalLine;
    if (i > 0) out += "\n".repeat((blanks[i] as number) + 1);
    const physical = layoutLogicalLine(logical);
    for (let k = 0; k < physical.length; k++) {
      const l = physical[k] as (typeof physical)[number];
      if (k > 0) out += "\n";
      if (l.text !== "") out += indentation(logical.depth + l.indent) + l.text;
    }
  }
  return out + "\n";
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

const INDENTS: readonly string[] = [
  "",
  "    ",
  "        ",
  "            ",
  "                ",
];

function indentation(level: number): string {
  return INDENTS[level] ?? "    ".repeat(level);
}
