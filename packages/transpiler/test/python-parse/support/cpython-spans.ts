/**
 * CPython's node positions for a batch of sources (one `python3` process), as sorted
 * `"<type> <line>:<col>-<line>:<col>"` strings with 1-based columns, to compare with our
 * spans. Only meaningful for ASCII sources (CPython counts UTF-8 bytes in columns).
 */
import { spawn } from "node:child_process";
import type { Module } from "../../../src/python/ast/nodes.js";

const SCRIPT = String.raw`
import ast, json, sys
out = []
for src in json.loads(sys.stdin.read()):
    try:
        tree = ast.parse(src)
    except SyntaxError:
        out.append(None)
        continue
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.stmt, ast.expr, ast.keyword)):
            spans.append("%s %d:%d-%d:%d" % (type(node).__name__, node.lineno, node.col_offset + 1, node.end_lineno, node.end_col_offset + 1))
    out.append(sorted(spans))
sys.stdout.write(json.dumps(out))
`;

export function cpythonSpans(
  sources: readonly string[],
): Promise<(string[] | null)[]> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-c", SCRIPT]);
    const out: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`python3 exited with ${String(code)}`));
      else
        resolve(
          JSON.parse(Buffer.concat(out).toString("utf8")) as (
            string[] | null
          )[],
        );
    });
    child.stdin.end(JSON.stringify(sources));
  });
}

/** Our spans in the same format: every node with a `kind` (except Module) and every keyword. */
export function ourSpans(module: Module): string[] {
  const spans: string[] = [];
  const visit = (node: unknown, type: string | undefined): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, type);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    const kind = typeof record.kind === "string" ? record.kind : type;
    const span = record.span as
      | {
          start: { line: number; column: number };
          end: { line: number; column: number };
        }
      | undefined;
    if (kind !== undefined && kind !== "Module" && span !== undefined) {
      spans.push(
        `${kind} ${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column}`,
      );
    }
    for (const [key, value] of Object.entries(record)) {
      if (key !== "span")
        visit(value, key === "keywords" ? "keyword" : undefined);
    }
  };
  visit(module, undefined);
  return spans.sort();
}
