/**
 * CPython as an outside oracle: `ast.parse` run in ONE `python3` process per batch, its tree
 * converted to our AST shape (`src/python/ast/nodes.ts`, without spans) so the parsers can
 * be compared with `normalizeAst`.
 *
 * Anything CPython accepts that is outside our subset becomes
 * `{ kind: "Unsupported", type: "<CPython class name>", detail? }`. A supported class used
 * with an unsupported feature (a `def` with defaults, a `for` with `else`, `x = y = 1`, a
 * `**kw` argument, …) becomes `Unsupported` with its own class name and a `detail`.
 * The result is typed loosely as our `Module`: `Unsupported` nodes may appear anywhere an
 * `Expr` or `Stmt` (or a `Keyword`) is expected. Use `containsUnsupported` to check.
 *
 * Numbers: `raw` is the exact source segment (`ast.get_source_segment`); `value` is the
 * JavaScript number of CPython's value (so integers beyond 2^53 round the same way
 * `Number(raw)` does). Syntax errors carry CPython's 1-based line and 1-based column
 * (CPython counts code points; ours are UTF-16 units, equal outside the astral planes).
 */
import { spawn } from "node:child_process";
import type { Module } from "../../src/python/ast/nodes.js";

export interface Unsupported {
  readonly kind: "Unsupported";
  readonly type: string;
  readonly detail?: string;
}

export type CpythonResult =
  | { readonly ok: true; readonly module: Module }
  | {
      readonly ok: false;
      readonly message: string;
      readonly line: number;
      readonly column: number;
    };

const SCRIPT = String.raw`
import ast, json, sys
sys.setrecursionlimit(20000)

def unsupported(node, detail=None):
    out = {"kind": "Unsupported", "type": type(node).__name__}
    if detail is not None:
        out["detail"] = detail
    return out

CMP = {ast.Eq: "Eq", ast.NotEq: "NotEq", ast.Lt: "Lt", ast.LtE: "LtE", ast.Gt: "Gt", ast.GtE: "GtE",
       ast.In: "In", ast.NotIn: "NotIn", ast.Is: "Is", ast.IsNot: "IsNot"}

def conv_body(src, body):
    return [conv(src, s) for s in body]

def plain_args(a):
    return (not a.posonlyargs and a.vararg is None and not a.kwonlyargs and a.kwarg is None
            and not a.defaults and not a.kw_defaults and all(x.annotation is None for x in a.args))

def conv(src, n):
    t = type(n)
    if t is ast.Module:
        return {"kind": "Module", "body": conv_body(src, n.body)}
    if t is ast.FunctionDef:
        if not plain_args(n.args):
            return unsupported(n, "parameters other than plain names")
        if n.returns is not None:
            return unsupported(n, "return annotation")
        if getattr(n, "type_params", None):
            return unsupported(n, "type parameters")
        return {"kind": "FunctionDef", "name": n.name, "args": [x.arg for x in n.args.args],
                "body": conv_body(src, n.body), "decorator_list": [conv(src, d) for d in n.decorator_list]}
    if t is ast.If:
        return {"kind": "If", "test": conv(src, n.test), "body": conv_body(src, n.body),
                "orelse": conv_body(src, n.orelse)}
    if t is ast.For:
        if type(n.target) is not ast.Name:
            return unsupported(n, "target other than a name")
        if n.orelse:
            return unsupported(n, "for-else")
        return {"kind": "For", "target": conv(src, n.target), "iter": conv(src, n.iter),
                "body": conv_body(src, n.body)}
    if t is ast.With:
        items = []
        for it in n.items:
            if it.optional_vars is not None and type(it.optional_vars) is not ast.Name:
                return unsupported(n, "as-target other than a name")
            item = {"context_expr": conv(src, it.context_expr)}
            if it.optional_vars is not None:
                item["optional_vars"] = conv(src, it.optional_vars)
            items.append(item)
        return {"kind": "With", "items": items, "body": conv_body(src, n.body)}
    if t is ast.Assign:
        if len(n.targets) != 1 or type(n.targets[0]) is not ast.Name:
            return unsupported(n, "target other than a single name")
        return {"kind": "Assign", "targets": [conv(src, n.targets[0])], "value": conv(src, n.value)}
    if t is ast.Expr:
        return {"kind": "Expr", "value": conv(src, n.value)}
    if t is ast.Pass:
        return {"kind": "Pass"}
    if t is ast.BoolOp:
        return {"kind": "BoolOp", "op": "And" if type(n.op) is ast.And else "Or",
                "values": [conv(src, v) for v in n.values]}
    if t is ast.UnaryOp:
        if type(n.op) is ast.Not:
            op = "Not"
        elif type(n.op) is ast.USub:
            op = "USub"
        else:
            return unsupported(n.op)
        return {"kind": "UnaryOp", "op": op, "operand": conv(src, n.operand)}
    if t is ast.Compare:
        return {"kind": "Compare", "left": conv(src, n.left), "ops": [CMP[type(o)] for o in n.ops],
                "comparators": [conv(src, c) for c in n.comparators]}
    if t is ast.Call:
        kws = []
        for k in n.keywords:
            if k.arg is None:
                kws.append(unsupported(k, "**unpacking"))
            else:
                kws.append({"arg": k.arg, "value": conv(src, k.value)})
        return {"kind": "Call", "func": conv(src, n.func), "args": [conv(src, a) for a in n.args],
                "keywords": kws}
    if t is ast.Attribute:
        return {"kind": "Attribute", "value": conv(src, n.value), "attr": n.attr}
    if t is ast.Name:
        return {"kind": "Name", "id": n.id}
    if t is ast.Constant:
        v = n.value
        if v is None or type(v) is bool or type(v) is str:
            return {"kind": "Constant", "value": v}
        if type(v) is int or type(v) is float:
            raw = ast.get_source_segment(src, n)
            return {"kind": "Constant", "number": repr(v), "raw": raw}
        return {"kind": "Unsupported", "type": type(v).__name__ if v is not ... else "Ellipsis"}
    if t is ast.List:
        return {"kind": "List", "elts": [conv(src, e) for e in n.elts]}
    if t is ast.Tuple:
        return {"kind": "Tuple", "elts": [conv(src, e) for e in n.elts]}
    if t is ast.Dict:
        if any(k is None for k in n.keys):
            return unsupported(n, "**unpacking")
        return {"kind": "Dict", "keys": [conv(src, k) for k in n.keys],
                "values": [conv(src, v) for v in n.values]}
    if t is ast.GeneratorExp:
        gens = []
        for g in n.generators:
            if g.is_async or type(g.target) is not ast.Name:
                return unsupported(n, "async or non-name target")
            gens.append({"target": conv(src, g.target), "iter": conv(src, g.iter),
                         "ifs": [conv(src, i) for i in g.ifs]})
        return {"kind": "GeneratorExp", "elt": conv(src, n.elt), "generators": gens}
    return unsupported(n)

def one(src):
    try:
        tree = ast.parse(src)
    except SyntaxError as e:
        return {"ok": False, "message": str(e.msg), "line": e.lineno or 1, "column": e.offset or 1}
    except (ValueError, RecursionError, MemoryError, UnicodeError) as e:
        return {"ok": False, "message": type(e).__name__ + ": " + str(e), "line": 1, "column": 1}
    try:
        return {"ok": True, "module": conv(src, tree)}
    except RecursionError:
        return {"ok": False, "message": "RecursionError while converting", "line": 1, "column": 1}

sources = json.loads(sys.stdin.buffer.read().decode("utf-8", "surrogatepass"))
sys.stdout.write(json.dumps([one(s) for s in sources]))
`;

function pythonNumber(repr: string): number {
  if (repr === "inf") return Infinity;
  return Number(repr);
}

/** Turns the wire form (`number: repr`) into our `value: number`. */
function reviveNumbers(_key: string, value: unknown): unknown {
  if (
    value !== null &&
    typeof value === "object" &&
    "number" in value &&
    "raw" in value
  ) {
    const { number, raw } = value as { number: string; raw: string };
    return { kind: "Constant", value: pythonNumber(number), raw };
  }
  return value;
}

/**
 * Parses every source with CPython's `ast.parse` in a single `python3` process.
 * Results are in input order.
 */
export function cpythonParse(
  sources: readonly string[],
): Promise<CpythonResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn("python3", ["-c", SCRIPT], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) {
        reject(
          new Error(
            `python3 exited with ${String(code)}: ${Buffer.concat(err).toString("utf8")}`,
          ),
        );
        return;
      }
      try {
        const parsed = JSON.parse(
          Buffer.concat(out).toString("utf8"),
          reviveNumbers,
        ) as CpythonResult[];
        if (parsed.length !== sources.length)
          throw new Error("python3 returned a wrong number of results");
        resolve(parsed);
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
    child.stdin.end(JSON.stringify(sources), "utf8");
  });
}

/** Canonical text of a number value: equal for equal doubles, `Infinity` included. */
function canonicalNumber(value: number): string {
  return Object.is(value, -0) ? "-0" : String(value);
}

/**
 * A comparable copy of any AST (ours, tree-sitter's, CPython's): drops every `span`
 * recursively, drops keys whose value is `undefined`, and replaces number `value`s by a
 * canonical `{ $number: "<text>" }` (so `toEqual` never meets NaN/-0 quirks and a
 * number never equals a string constant).
 */
export function normalizeAst(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalizeAst);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "span" || value === undefined) continue;
    out[key] =
      key === "value" && typeof value === "number"
        ? { $number: canonicalNumber(value) }
        : normalizeAst(value);
  }
  return out;
}

/** True when a converted CPython tree has any node outside our subset. */
export function containsUnsupported(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(containsUnsupported);
  if (node === null || typeof node !== "object") return false;
  if ((node as { kind?: unknown }).kind === "Unsupported") return true;
  return Object.values(node).some(containsUnsupported);
}
