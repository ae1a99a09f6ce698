import type { Expr } from "../../python/ast/nodes.js";
import { py } from "../../python/ast/builders.js";
import type { JsonNode } from "../../json/json-node.js";
import { parseJson } from "../../json/parse-json.js";
import { codes } from "../../diagnostics/codes.js";
import { error, type Diagnostic } from "../../diagnostics/diagnostic.js";
import { exprToPath, pathToExpr } from "./python-paths.js";
import { exprToNumber, numberToExpr } from "./python-literals.js";

/*
 * Config values are always strings in Flow JSON (SPEC §c); many hold JSON. In Python a
 * value is shown decoded: JSON arrays/objects/numbers/booleans/null become Python values,
 * strings nested inside them that hold JSON become `json(value)`, the Liquid id wrapper
 * `{"value": "{{ p }}", "default_value": ""}` becomes the reference `p`, and everything
 * else (plain text, Liquid, paths, GraphQL, scripts) stays a string. The exact spelling of
 * the JSON text (spaces, key order, escapes) is formatting, restored from trivia.
 */

// Deeper JSON stays a string: the Python form must stay within the parser's nesting limit.
// Spans are not needed: a value that does not parse simply stays a string.
const DECODE_OPTIONS = { maxDepth: 40, spans: false } as const;
const DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
const WRAPPER_VALUE = /^\{\{ ([A-Za-z_][A-Za-z0-9_.]*) \}\}$/;

export function configValueToPython(value: string): Expr {
  const first = value.charAt(0);
  if (value.length === 0 || value !== value.trim()) return py.str(value);
  if (
    first !== "[" &&
    first !== "{" &&
    value !== "true" &&
    value !== "false" &&
    value !== "null" &&
    !DECIMAL.test(value)
  ) {
    return py.str(value);
  }
  const parsed = parseJson(value, DECODE_OPTIONS);
  if (!parsed.ok) return py.str(value);
  return wrapperReference(parsed.value) ?? nodeToExpr(parsed.value);
}

function wrapperReference(node: JsonNode): Expr | undefined {
  if (node.kind !== "object" || node.entries.length !== 2) return undefined;
  let path: string | undefined;
  let defaultEmpty = false;
  for (const e of node.entries) {
    if (e.key === "value" && e.value.kind === "string")
      path = WRAPPER_VALUE.exec(e.value.value)?.[1];
    else if (
      e.key === "default_value" &&
      e.value.kind === "string" &&
      e.value.value === ""
    )
      defaultEmpty = true;
  }
  if (
    path === undefined ||
    !defaultEmpty ||
    path.split(".").some((s) => s.length === 0)
  )
    return undefined;
  return pathToExpr(path);
}

/** A JSON value as the Python value it means (strings holding JSON become `json(...)`). */
export function nodeToExpr(node: JsonNode): Expr {
  switch (node.kind) {
    case "object":
      return py.dict(
        node.entries.map((e) => py.str(e.key)),
        node.entries.map((e) => nodeToExpr(e.value)),
      );
    case "array":
      return py.list(node.items.map(nodeToExpr));
    case "string":
      return nestedString(node.value);
    case "number":
      return numberToExpr(node.raw);
    case "boolean":
      return py.bool(node.value);
    case "null":
      return py.none();
  }
}

function nestedString(value: string): Expr {
  const first = value.charAt(0);
  if ((first === "[" || first === "{") && value === value.trim()) {
    const parsed = parseJson(value, DECODE_OPTIONS);
    if (parsed.ok) return py.call(py.name("json"), [nodeToExpr(parsed.value)]);
  }
  return py.str(value);
}

// ------------------------------------------------------------------ Python → string

export type Encoded =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

export function pythonToConfigValue(
  expr: Expr,
  options: { readonly sortKeys?: boolean } = {},
): Encoded {
  if (expr.kind === "Constant" && typeof expr.value === "string")
    return { ok: true, value: expr.value };
  const path = exprToPath(expr);
  if (path !== undefined) {
    return {
      ok: true,
      value: `{"value":${JSON.stringify(`{{ ${path} }}`)},"default_value":""}`,
    };
  }
  return encodeJson(expr, options.sortKeys === true);
}

// Module-level functions, not closures made per call: under esbuild's keepNames (tsx)
// every named closure costs a `defineProperty` when it is created.
function failWith(e: Expr, hint: string): Encoded {
  return {
    ok: false,
    diagnostic: error(
      codes.flowPyInvalidValue,
      `a ${e.kind === "Constant" ? "literal" : e.kind} cannot be stored in a Flow config value here`,
      {
        ...(e.span ? { span: e.span } : {}),
        hint,
      },
    ),
  };
}

function encodeJson(e: Expr, sortKeys: boolean): Encoded {
  switch (e.kind) {
    case "Constant":
      if (typeof e.value === "string")
        return { ok: true, value: JSON.stringify(e.value) };
      if (typeof e.value === "boolean")
        return { ok: true, value: String(e.value) };
      if (e.value === null) return { ok: true, value: "null" };
      break;
    case "List":
    case "Tuple": {
      const parts: string[] = [];
      for (const x of e.elts) {
        const r = encodeJson(x, sortKeys);
        if (!r.ok) return r;
        parts.push(r.value);
      }
      return { ok: true, value: `[${parts.join(",")}]` };
    }
    case "Dict": {
      const parts: [string, string][] = [];
      for (let i = 0; i < e.keys.length; i++) {
        const k = e.keys[i];
        const v = e.values[i];
        if (
          k?.kind !== "Constant" ||
          typeof k.value !== "string" ||
          v === undefined
        ) {
          return failWith(k ?? e, "JSON object keys are strings.");
        }
        const r = encodeJson(v, sortKeys);
        if (!r.ok) return r;
        parts.push([k.value, r.value]);
      }
      if (sortKeys)
        parts.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      return {
        ok: true,
        value: `{${parts.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`,
      };
    }
    case "Call":
      if (
        e.func.kind === "Name" &&
        e.func.id === "json" &&
        e.args.length === 1 &&
        e.keywords.length === 0
      ) {
        const [inner] = e.args;
        if (inner !== undefined) {
          const r = encodeJson(inner, sortKeys);
          return r.ok ? { ok: true, value: JSON.stringify(r.value) } : r;
        }
      }
      break;
    default:
      break;
  }
  const n = exprToNumber(e);
  if (n !== undefined) return { ok: true, value: n };
  return failWith(
    e,
    "Config values are strings (Liquid allowed), numbers, booleans, None, lists, dicts, json(...) or an environment reference like `order.id`.",
  );
}

/**
 * A canonical spelling of a config value for equality: two values mean the same when
 * their canonical spellings are equal (JSON layout and key order do not matter).
 */
export function canonicalConfigValue(value: string): string {
  const encoded = pythonToConfigValue(configValueToPython(value), {
    sortKeys: true,
  });
  return encoded.ok ? encoded.value : value;
}
