import {
  canonicalConfigValue,
  decodeConditionValue,
  jsonToValue,
  normalizeCondition,
  parseJson,
  type Condition,
  type JsonNode,
  type Operand,
} from "@flowpy/transpiler";
import type { JsonValue } from "../conversation/chat-message.js";

/*
 * Shapes: what a config value, condition or JSON value looks like once its literals are
 * forgotten. They are the leaves of the structural fingerprint (see
 * `structural-fingerprint.ts` for the full list of what is kept and what is ignored).
 *
 * - strings: `""` (empty), `liquid` (holds `{{` or `{%`) or `text`; the wording is a literal
 *   (a tag name, an email body, a URL). A string that holds JSON is shaped as that JSON;
 * - numbers, booleans: `num`, `bool` (thresholds and switches are literals), `null` stays;
 * - lists: `[]` when empty, otherwise the sorted set of their items' shapes, so one tag and
 *   three tags look alike but "no tags" does not;
 * - objects: their sorted keys, each with its value's shape (keys are field names, i.e.
 *   structure, e.g. HTTP header names or metafield keys);
 * - environment references (`{"value": "{{ order.id }}", "default_value": ""}`): the path,
 *   which says which data the step reads, not a literal;
 * - conditions: the AND/OR tree with its operands sorted (order inside an AND/OR is not
 *   structure), every operator, every path (quantifier binders renamed by depth, since the
 *   binder's spelling is a convention), and for a literal operand only its type.
 */

const LIQUID = /\{\{|\{%/;
const DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
const WRAPPER_VALUE = /^\{\{ ([A-Za-z_][A-Za-z0-9_.]*) \}\}$/;
// The transpiler decodes config JSON to this depth too; deeper text stays a string.
const DECODE_OPTIONS = { maxDepth: 40, spans: false } as const;

/** The shape of one config field's value; `fieldId` says whether it is a condition. */
export function configValueShape(fieldId: string, value: string): string {
  if (fieldId === "condition") {
    const condition = decodeConditionValue(value);
    if (condition !== undefined)
      return `cond:${conditionShape(normalizeCondition(condition), [])}`;
  }
  return textShape(canonicalConfigValue(value));
}

/** The shape of a workflow variable (their meaning is unknown; they are always empty). */
export function jsonShape(node: JsonNode): string {
  return valueShape(jsonToValue(node));
}

/**
 * A patched field (a metafield declaration) under the canonical form's rules: its
 * generated `id` dropped and `arguments` decoded when held as a JSON string. The arguments
 * are shaped (they hold literals such as a collection GID); the other entries (type, field,
 * handle) say which data the workflow reads, like a path, and are kept.
 */
export function patchedFieldShape(
  entries: readonly (readonly [string, JsonNode])[],
): string {
  return `{${entries
    .filter(([key]) => key !== "id")
    .map(([key, node]) => {
      const value = jsonToValue(node);
      const shape =
        key === "arguments"
          ? valueShape(decodeArguments(value))
          : value !== null && typeof value === "object"
            ? valueShape(value)
            : JSON.stringify(value);
      return `${JSON.stringify(key)}:${shape}`;
    })
    .sort()
    .join(",")}}`;
}

function decodeArguments(value: JsonValue): JsonValue {
  if (typeof value !== "string") return value;
  const parsed = parseJson(value, DECODE_OPTIONS);
  return parsed.ok ? jsonToValue(parsed.value) : value;
}

function textShape(text: string): string {
  const decoded = decodeJsonText(text);
  if (decoded !== undefined) return valueShape(decoded);
  if (text.length === 0) return '""';
  return LIQUID.test(text) ? "liquid" : "text";
}

/** The JSON a string holds, under the transpiler's rule for config values. */
function decodeJsonText(text: string): JsonValue | undefined {
  const first = text.charAt(0);
  if (text.length === 0 || text !== text.trim()) return undefined;
  if (
    first !== "[" &&
    first !== "{" &&
    text !== "true" &&
    text !== "false" &&
    text !== "null" &&
    !DECIMAL.test(text)
  )
    return undefined;
  const parsed = parseJson(text, DECODE_OPTIONS);
  return parsed.ok ? jsonToValue(parsed.value) : undefined;
}

function valueShape(value: JsonValue): string {
  if (value === null) return "null";
  if (typeof value === "string") {
    const first = value.charAt(0);
    if (first === "[" || first === "{") {
      const inner = decodeJsonText(value);
      if (inner !== undefined) return `json(${valueShape(inner)})`;
    }
    if (value.length === 0) return '""';
    return LIQUID.test(value) ? "liquid" : "text";
  }
  if (typeof value === "number") return "num";
  if (typeof value === "boolean") return "bool";
  if (isList(value)) {
    if (value.length === 0) return "[]";
    return `[${[...new Set(value.map(valueShape))].sort().join("|")}]`;
  }
  const reference = referencePath(value);
  if (reference !== undefined) return `ref:${reference}`;
  const keys = Object.keys(value).sort();
  return `{${keys
    .map((k) => {
      const v = value[k];
      return `${JSON.stringify(k)}:${v === undefined ? "null" : valueShape(v)}`;
    })
    .join(",")}}`;
}

function isList(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}

function referencePath(value: {
  readonly [key: string]: JsonValue;
}): string | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 2 || value["default_value"] !== "") return undefined;
  const inner = value["value"];
  if (typeof inner !== "string") return undefined;
  return WRAPPER_VALUE.exec(inner)?.[1];
}

function conditionShape(c: Condition, binders: readonly string[]): string {
  switch (c.kind) {
    case "Logical":
      return `${c.op}(${c.operands
        .map((o) => conditionShape(o, binders))
        .sort()
        .join(",")})`;
    case "Comparison":
      return `(${operandShape(c.lhs, binders)} ${c.op} ${operandShape(c.rhs, binders)})`;
    case "Unary":
      return `(${pathShape(c.operand.path, binders)} ${c.op})`;
    case "Quantified": {
      const inner = [...binders, c.binder];
      return `${c.quantifier}(${pathShape(c.path, binders)}: ${conditionShape(c.body, inner)})`;
    }
  }
}

function operandShape(o: Operand, binders: readonly string[]): string {
  return o.kind === "Path" ? pathShape(o.path, binders) : `lit:${o.type}`;
}

/** A path with a quantifier binder as its head spelled by nesting depth (`$1.key`). */
function pathShape(path: string, binders: readonly string[]): string {
  const dot = path.indexOf(".");
  const head = dot === -1 ? path : path.slice(0, dot);
  const depth = binders.lastIndexOf(head);
  return depth === -1
    ? path
    : `$${depth + 1}${dot === -1 ? "" : path.slice(dot)}`;
}
