import { InternalError } from "@flowpy/transpiler";
import type { JsonValue } from "../conversation/chat-message.js";
import { unreachable } from "./unreachable.js";

/**
 * The JSON Schema subset the tool set is written in. It is keyed by `type` rather than
 * `kind` because these values ARE the JSON schemas sent in the OpenAI `tools` array; one
 * object per parameter or response field serves the model, the argument validator, the
 * canonical response writer (key order = `properties` order) and the docs.
 */
export type JsonSchema =
  ObjectSchema | ArraySchema | StringSchema | IntegerSchema | BooleanSchema;

/** An object with a fixed, ordered set of keys; no other key is allowed. */
export interface ObjectSchema {
  readonly type: "object";
  readonly description?: string;
  readonly properties: Readonly<Record<string, JsonSchema>>;
  readonly required: readonly string[];
}

export interface ArraySchema {
  readonly type: "array";
  readonly description?: string;
  readonly items: JsonSchema;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface StringSchema {
  readonly type: "string";
  readonly description?: string;
  readonly enum?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly default?: string;
}

export interface IntegerSchema {
  readonly type: "integer";
  readonly description?: string;
  readonly minimum?: number;
}

export interface BooleanSchema {
  readonly type: "boolean";
  readonly description?: string;
}

export type JsonObjectValue = { readonly [key: string]: JsonValue };

/**
 * The schema as JSON with one fixed key order (type, description, then the type's own
 * keywords), whatever order the source literal used: the tools array must print the same
 * bytes in training and serving. `additionalProperties: false` is written out so
 * OpenAI-style strict validators agree with ours.
 */
export function schemaToJson(schema: JsonSchema): JsonObjectValue {
  const head: [string, JsonValue][] = [["type", schema.type]];
  if (schema.description !== undefined)
    head.push(["description", schema.description]);
  const rest = ((): [string, JsonValue][] => {
    switch (schema.type) {
      case "object":
        return [
          [
            "properties",
            Object.fromEntries(
              Object.entries(schema.properties).map(([k, v]) => [
                k,
                schemaToJson(v),
              ]),
            ),
          ],
          ["required", [...schema.required]],
          ["additionalProperties", false],
        ];
      case "array":
        return [
          ["items", schemaToJson(schema.items)],
          ...optional("minItems", schema.minItems),
          ...optional("maxItems", schema.maxItems),
        ];
      case "string":
        return [
          ...(schema.enum === undefined
            ? []
            : ([["enum", [...schema.enum]]] as [string, JsonValue][])),
          ...optional("minLength", schema.minLength),
          ...optional("maxLength", schema.maxLength),
          ...optional("default", schema.default),
        ];
      case "integer":
        return optional("minimum", schema.minimum);
      case "boolean":
        return [];
      default:
        return unreachable(schema, "schema");
    }
  })();
  return Object.fromEntries([...head, ...rest]);
}

function optional(
  key: string,
  value: JsonValue | undefined,
): [string, JsonValue][] {
  return value === undefined ? [] : [[key, value]];
}

/** One way an argument value breaks its schema; `path` is `$`-rooted (`$.tasks[0].id`). */
export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

/** Checks model-written arguments against a parameter schema; every problem is reported, in document order. */
export function validateBySchema(
  value: JsonValue,
  schema: JsonSchema,
  path = "$",
): readonly SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  validateInto(value, schema, { root: path }, issues);
  return issues;
}

/**
 * Where a value sits below the root, as a chain of keys and indices: the `$.a[0]` text is
 * written only for an issue or an error, not for every value checked (tool calls are
 * checked and answered on every turn of every trajectory).
 */
type PathLink =
  | { readonly root: string }
  | { readonly up: PathLink; readonly key: string }
  | { readonly up: PathLink; readonly index: number };

function pathText(link: PathLink): string {
  if ("root" in link) return link.root;
  const up = pathText(link.up);
  return "key" in link ? member(up, link.key) : `${up}[${link.index}]`;
}

function validateInto(
  value: JsonValue,
  schema: JsonSchema,
  at: PathLink,
  issues: SchemaIssue[],
): void {
  switch (schema.type) {
    case "object": {
      if (!isPlainObject(value)) {
        issues.push(expected("an object", value, at));
        break;
      }
      for (const key of schema.required)
        if (!Object.hasOwn(value, key))
          issues.push({
            path: pathText(at),
            message: `missing required key ${JSON.stringify(key)}`,
          });
      for (const [key, item] of Object.entries(value)) {
        const inner = schema.properties[key];
        if (inner === undefined)
          issues.push({
            path: pathText({ up: at, key }),
            message: `unknown key; expected one of ${Object.keys(schema.properties).join(", ")}`,
          });
        else validateInto(item, inner, { up: at, key }, issues);
      }
      break;
    }
    case "array": {
      if (!Array.isArray(value)) {
        issues.push(expected("an array", value, at));
        break;
      }
      const items: readonly JsonValue[] = value;
      if (schema.minItems !== undefined && items.length < schema.minItems)
        issues.push({
          path: pathText(at),
          message: `needs at least ${schema.minItems} item(s)`,
        });
      if (schema.maxItems !== undefined && items.length > schema.maxItems)
        issues.push({
          path: pathText(at),
          message: `takes at most ${schema.maxItems} item(s)`,
        });
      items.forEach((item, i) =>
        validateInto(item, schema.items, { up: at, index: i }, issues),
      );
      break;
    }
    case "string":
      if (typeof value !== "string")
        issues.push(expected("a string", value, at));
      else if (schema.enum !== undefined && !schema.enum.includes(value))
        issues.push({
          path: pathText(at),
          message: `expected one of ${schema.enum.map((e) => JSON.stringify(e)).join(", ")}`,
        });
      else if (
        schema.minLength !== undefined &&
        value.length < schema.minLength
      )
        issues.push({ path: pathText(at), message: "must not be empty" });
      else if (
        schema.maxLength !== undefined &&
        value.length > schema.maxLength
      )
        issues.push({
          path: pathText(at),
          message: `longer than ${schema.maxLength} characters`,
        });
      break;
    case "integer":
      if (typeof value !== "number" || !Number.isSafeInteger(value))
        issues.push(expected("an integer", value, at));
      else if (schema.minimum !== undefined && value < schema.minimum)
        issues.push({
          path: pathText(at),
          message: `must be at least ${schema.minimum}`,
        });
      break;
    case "boolean":
      if (typeof value !== "boolean")
        issues.push(expected("true or false", value, at));
      break;
    default:
      unreachable(schema, "schema");
  }
}

function expected(what: string, value: JsonValue, at: PathLink): SchemaIssue {
  return {
    path: pathText(at),
    message: `expected ${what}, got ${describe(value)}`,
  };
}

/**
 * Re-keys a value the tools built into the schema's documented key order. A key the schema
 * does not list, or a value of the wrong type, is a bug in the tool, not user input.
 */
export function conformToSchema(
  value: JsonValue,
  schema: JsonSchema,
  path = "$",
): JsonValue {
  return conform(value, schema, { root: path });
}

function conform(
  value: JsonValue,
  schema: JsonSchema,
  at: PathLink,
): JsonValue {
  switch (schema.type) {
    case "object": {
      if (!isPlainObject(value)) return mismatch(value, schema, at);
      for (const key of Object.keys(value))
        if (schema.properties[key] === undefined)
          throw new InternalError(
            `tool response ${pathText({ up: at, key })} is not in its schema`,
          );
      for (const key of schema.required)
        if (!Object.hasOwn(value, key))
          throw new InternalError(
            `tool response ${pathText(at)} lacks required ${key}`,
          );
      const out: [string, JsonValue][] = [];
      for (const [key, inner] of Object.entries(schema.properties)) {
        const item = value[key];
        if (item !== undefined)
          out.push([key, conform(item, inner, { up: at, key })]);
      }
      return Object.fromEntries(out);
    }
    case "array": {
      if (!Array.isArray(value)) return mismatch(value, schema, at);
      const items: readonly JsonValue[] = value;
      return items.map((v, i) =>
        conform(v, schema.items, { up: at, index: i }),
      );
    }
    case "string":
      return typeof value === "string" ? value : mismatch(value, schema, at);
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value)
        ? value
        : mismatch(value, schema, at);
    case "boolean":
      return typeof value === "boolean" ? value : mismatch(value, schema, at);
    default:
      return unreachable(schema, "schema");
  }
}

function mismatch(value: JsonValue, schema: JsonSchema, at: PathLink): never {
  throw new InternalError(
    `tool response ${pathText(at)} does not match its schema (${schema.type}): ${JSON.stringify(value)?.slice(0, 200)}`,
  );
}

export function isPlainObject(value: JsonValue): value is JsonObjectValue {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function member(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
    ? `${path}.${key}`
    : `${path}[${JSON.stringify(key)}]`;
}

function describe(value: JsonValue): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  return String(value);
}
