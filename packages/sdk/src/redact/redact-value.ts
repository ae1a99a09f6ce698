import { parseJson, type JsonNode } from "@flowpy/transpiler";
import { editsInLexeme } from "./json-lexeme.js";
import type { Placeholders } from "./placeholders.js";
import { redactText, type Edit, type TextMode } from "./redact-text.js";

/** JSON inside strings inside JSON: Flow nests two levels (`api_call` → `blob`); a few more are read, deeper is text. */
const MAX_NESTING = 6;

/** JSON keys whose string value is, as a whole, a value of one kind. */
const KEY_MODES: readonly (readonly [RegExp, TextMode])[] = [
  [
    /^(?:.*(?:token|secret|passw(?:or)?d|api[-_]?key|apikey|signature|credential)|auth|authorization|pwd|private[-_]?key)$/i,
    "api_key",
  ],
  [
    /^(?:first[-_]?name|last[-_]?name|full[-_]?name|display[-_]?name|customer[-_]?name|contact[-_]?name|given[-_]?name|family[-_]?name|surname)$/i,
    "customer_name",
  ],
  [/^(?:address[-_]?[12]|street(?:[-_]?address)?)$/i, "postal_address"],
  [/^(?:phone|phone[-_]?number|mobile|telephone|tel)$/i, "phone"],
];

/** Keys of Flow's own structures whose strings are identifiers or paths, never data. */
const STRUCTURAL_KEYS: ReadonlySet<string> = new Set([
  "uuid",
  "parent_uuid",
  "operator",
  "operation_type",
  "value_type",
  "comparison_value_type",
  "full_environment_path",
  "default_value",
]);

/** HTTP header names whose value is a credential. */
const SECRET_HEADER =
  /^(?:authorization|proxy-authorization|cookie|x-shopify-access-token|.*(?:api[-_]?key|token|secret|signature|passw(?:or)?d|auth|credential).*)$/i;

/** The kind a literal compared with this environment path holds (`customer.firstName` → a name). */
function pathMode(path: string): TextMode {
  const last = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  if (last === "phone") return "phone";
  if (/^(?:firstname|lastname|displayname|fullname)$/.test(last))
    return "customer_name";
  if (
    last === "name" &&
    /(?:customer|address|billingaddress|shippingaddress)\.name$/i.test(path)
  )
    return "customer_name";
  if (/^address[12]$/.test(last)) return "postal_address";
  return "text";
}

export interface ValueContext {
  readonly mode: TextMode;
  /** The config field the value belongs to, if any (`condition` values have their own syntax). */
  readonly field?: string;
  readonly depth: number;
}

/**
 * The edits that redact one string value. A value holding a JSON object or array is
 * decoded, its strings redacted one by one, and the edits mapped back into the value's
 * text, so the inner JSON keeps its layout and escapes; anything else is text (Liquid
 * allowed), or a condition in the textual DSL.
 */
export function redactValue(
  value: string,
  context: ValueContext,
  ph: Placeholders,
): Edit[] {
  const first = /\S/.exec(value)?.[0];
  if ((first === "{" || first === "[") && context.depth < MAX_NESTING) {
    const parsed = parseJson(value, { spans: true });
    if (parsed.ok)
      return redactJson(parsed.value, context.mode, context.depth + 1, ph);
  }
  if (context.field === "condition") return redactConditionDsl(value, ph);
  return redactText(value, context.mode, ph);
}

/** The edits that redact every string of a parsed JSON text (offsets in that text). */
export function redactJson(
  node: JsonNode,
  mode: TextMode,
  depth: number,
  ph: Placeholders,
): Edit[] {
  switch (node.kind) {
    case "string": {
      if (node.span === undefined) return [];
      const inner = redactValue(node.value, { mode, depth }, ph);
      return editsInLexeme(node.raw, node.span.start.offset, inner);
    }
    case "array": {
      if (isHeaderList(node.items))
        return node.items.flatMap((pair) => {
          if (pair.kind !== "array") return [];
          const [name, value] = pair.items;
          const valueMode: TextMode =
            name?.kind === "string" && SECRET_HEADER.test(name.value.trim())
              ? "api_key"
              : "text";
          return value === undefined
            ? []
            : redactJson(value, valueMode, depth, ph);
        });
      return node.items.flatMap((item) => redactJson(item, mode, depth, ph));
    }
    case "object": {
      const get = (key: string): JsonNode | undefined =>
        node.entries.find((e) => e.key === key)?.value;
      const valueKind = get("comparison_value_type");
      // An environment value in a condition tree is a path: a reference, not data.
      if (
        valueKind?.kind === "string" &&
        valueKind.value === "EnvironmentValue"
      )
        return [];
      const lhs = get("lhs");
      const lhsPath =
        lhs?.kind === "object"
          ? lhs.entries.find((e) => e.key === "value")?.value
          : undefined;
      const rhsMode: TextMode =
        lhsPath?.kind === "string" ? pathMode(lhsPath.value) : mode;
      return node.entries.flatMap((entry) => {
        if (STRUCTURAL_KEYS.has(entry.key)) return [];
        const keyMode =
          entry.key === "rhs"
            ? rhsMode
            : (KEY_MODES.find(([re]) => re.test(entry.key))?.[1] ?? mode);
        return redactJson(entry.value, keyMode, depth, ph);
      });
    }
    case "number":
    case "boolean":
    case "null":
      return [];
  }
}

/** `[["Authorization","Bearer …"],["Accept","application/json"]]`: Flow's HTTP headers. */
function isHeaderList(items: readonly JsonNode[]): boolean {
  return (
    items.length > 0 &&
    items.every(
      (item) =>
        item.kind === "array" &&
        item.items.length === 2 &&
        item.items.every((x) => x.kind === "string"),
    )
  );
}

/**
 * A condition in the textual DSL: only its quoted literals are data (paths, operators and
 * numbers are the condition itself). A literal compared with a path that names what it
 * holds (`customer.firstName`) is redacted as that kind.
 */
function redactConditionDsl(value: string, ph: Placeholders): Edit[] {
  const edits: Edit[] = [];
  for (const m of value.matchAll(/'([^']*)'/g)) {
    const before = value.slice(0, m.index);
    const path =
      /([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*(?:==|!=|<=|>=|<|>|[a-z_]+\??)\s*$/.exec(
        before,
      )?.[1];
    const mode = path === undefined ? "text" : pathMode(path);
    const at = m.index + 1;
    for (const e of redactText(m[1] ?? "", mode, ph))
      // A placeholder never holds a quote, so the literal stays one DSL token.
      edits.push({ ...e, start: e.start + at, end: e.end + at });
  }
  return edits;
}
