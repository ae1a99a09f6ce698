import { spawn } from "node:child_process";
import type { Expr, Module, Stmt } from "../../../src/python/ast/nodes.js";
import type { Span } from "../../../src/source/span.js";
import { utf8ToUtf16Column } from "./utf8-columns.js";

/** `[label, line, column, endLine, endColumn]`, 1-based lines and columns, end exclusive. */
export type NodePosition = readonly [string, number, number, number, number];

const SCRIPT = String.raw`
import ast, json, sys

def walk(n, out):
    t = type(n).__name__
    if t != "Module":
        out.append([t, n.lineno, n.col_offset, n.end_lineno, n.end_col_offset])
    kids = []
    if t == "Module": kids = n.body
    elif t == "FunctionDef": kids = n.decorator_list + n.body
    elif t == "If": kids = [n.test] + n.body + n.orelse
    elif t == "For": kids = [n.target, n.iter] + n.body
    elif t == "With":
        for item in n.items:
            kids.append(item.context_expr)
            if item.optional_vars is not None: kids.append(item.optional_vars)
        kids += n.body
    elif t == "Assign": kids = n.targets + [n.value]
    elif t == "Expr": kids = [n.value]
    elif t == "BoolOp": kids = n.values
    elif t == "UnaryOp": kids = [n.operand]
    elif t == "Compare": kids = [n.left] + n.comparators
    elif t == "Call": kids = [n.func] + n.args + n.keywords
    elif t == "keyword": kids = [n.value]
    elif t == "Attribute": kids = [n.value]
    elif t in ("List", "Tuple"): kids = n.elts
    elif t == "Dict":
        for k, v in zip(n.keys, n.values): kids += [k, v]
    elif t == "GeneratorExp":
        kids = [n.elt]
        for g in n.generators: kids += [g.target, g.iter] + g.ifs
    for k in kids: walk(k, out)

def one(src):
    try:
        tree = ast.parse(src)
    except Exception:
        return None
    out = []
    walk(tree, out)
    return out

sources = json.loads(sys.stdin.buffer.read().decode("utf-8", "surrogatepass"))
sys.stdout.write(json.dumps([one(s) for s in sources]))
`;

/** Splits like CPython (and our line index): \r\n, \r and \n end a line. */
function physicalLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * CPython's position of every node, in the order of `ourPositions`, with columns converted
 * from UTF-8 bytes to 1-based UTF-16 columns. `null` where CPython rejects the source.
 */
export function cpythonPositions(
  sources: readonly string[],
): Promise<(NodePosition[] | null)[]> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-c", SCRIPT], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    const out: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0)
        return reject(new Error(`python3 exited with ${String(code)}`));
      const raw = JSON.parse(Buffer.concat(out).toString("utf8")) as (
        [string, number, number, number, number][] | null
      )[];
      resolve(
        raw.map((positions, i) => {
          if (positions === null) return null;
          const lines = physicalLines(sources[i] ?? "");
          return positions.map(
            ([label, line, col, endLine, endCol]): NodePosition => [
              label === "keyword" ? "Keyword" : label,
              line,
              utf8ToUtf16Column(lines[line - 1] ?? "", col) + 1,
              endLine,
              utf8ToUtf16Column(lines[endLine - 1] ?? "", endCol) + 1,
            ],
          );
        }),
      );
    });
    child.stdin.end(JSON.stringify(sources), "utf8");
  });
}

function position(label: string, span: Span | undefined): NodePosition {
  return [
    label,
    span?.start.line ?? 0,
    span?.start.column ?? 0,
    span?.end.line ?? 0,
    span?.end.column ?? 0,
  ];
}

/** Our spans in the same order as the CPython walk above. */
export function ourPositions(module: Module): NodePosition[] {
  const out: NodePosition[] = [];
  const stmt = (s: Stmt): void => {
    out.push(position(s.kind, s.span));
    switch (s.kind) {
      case "FunctionDef":
        s.decorator_list.forEach(expr);
        s.body.forEach(stmt);
        return;
      case "If":
        expr(s.test);
        s.body.forEach(stmt);
        s.orelse.forEach(stmt);
        return;
      case "For":
        expr(s.target);
        expr(s.iter);
        s.body.forEach(stmt);
        return;
      case "With":
        for (const item of s.items) {
          expr(item.context_expr);
          if (item.optional_vars !== undefined) expr(item.optional_vars);
        }
        s.body.forEach(stmt);
        return;
      case "Assign":
        s.targets.forEach(expr);
        expr(s.value);
        return;
      case "Expr":
        expr(s.value);
        return;
      case "Pass":
        return;
    }
  };
  const expr = (e: Expr): void => {
    out.push(position(e.kind, e.span));
    switch (e.kind) {
      case "BoolOp":
        e.values.forEach(expr);
        return;
      case "UnaryOp":
        expr(e.operand);
        return;
      case "Compare":
        expr(e.left);
        e.comparators.forEach(expr);
        return;
      case "Call":
        expr(e.func);
        e.args.forEach(expr);
        for (const k of e.keywords) {
          out.push(position("Keyword", k.span));
          expr(k.value);
        }
        return;
      case "Attribute":
        expr(e.value);
        return;
      case "List":
      case "Tuple":
        e.elts.forEach(expr);
        return;
      case "Dict":
        e.keys.forEach((k, i) => {
          expr(k);
          const v = e.values[i];
          if (v !== undefined) expr(v);
        });
        return;
      case "GeneratorExp":
        expr(e.elt);
        for (const g of e.generators) {
          expr(g.target);
          expr(g.iter);
          g.ifs.forEach(expr);
        }
        return;
      case "Name":
      case "Constant":
        return;
    }
  };
  module.body.forEach(stmt);
  return out;
}
