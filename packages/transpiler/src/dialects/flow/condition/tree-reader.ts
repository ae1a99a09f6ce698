/**
 * Reading untrusted JSON nodes of a condition tree: object and key checks, `uuid` /
 * `parent_uuid` consistency, and `condition-invalid-tree` diagnostics located by a JSON
 * path relative to the tree root.
 */
import { codes } from "../../../diagnostics/codes.js";
import {
  error,
  type Diagnostic,
  type JsonPath,
} from "../../../diagnostics/diagnostic.js";

export type Json = Readonly<Record<string, unknown>>;

/**
 * A JSON path as a linked list from the node back to the root, so descending costs O(1)
 * even in 20k-deep chains; turned into a `JsonPath` only when a problem is reported.
 */
export interface Loc {
  readonly up: Loc | undefined;
  readonly key: string;
}

export function at(loc: Loc | undefined, key: string): Loc {
  return { up: loc, key };
}

export function toJsonPath(loc: Loc | undefined): JsonPath {
  const out: string[] = [];
  for (let l = loc; l !== undefined; l = l.up) out.push(l.key);
  return out.reverse();
}

/** Per-call state of one decoding; `uuids` enforces uniqueness across the tree. */
export interface TreeReader {
  readonly diagnostics: Diagnostic[];
  readonly uuids: Set<string>;
}

export function problem(
  ctx: TreeReader,
  loc: Loc | undefined,
  message: string,
  hint?: string,
): undefined {
  const path = toJsonPath(loc);
  ctx.diagnostics.push(
    error(
      codes.conditionInvalidTree,
      message,
      hint === undefined ? { path } : { path, hint },
    ),
  );
  return undefined;
}

export function asObject(
  ctx: TreeReader,
  v: unknown,
  path: Loc | undefined,
): Json | undefined {
  if (typeof v === "object" && v !== null && !Array.isArray(v))
    return v as Json;
  return problem(ctx, path, `expected an object, found ${describe(v)}`);
}

export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "string" ? JSON.stringify(v) : typeof v;
}

/** Reports missing and unknown keys and the node's ids; returns its uuid when all are valid. */
export function checkNode(
  ctx: TreeReader,
  node: Json,
  path: Loc | undefined,
  parent: string | undefined,
  required: readonly string[],
  optional: readonly string[] = [],
): string | undefined {
  const before = ctx.diagnostics.length;
  for (const key of required) {
    if (!(key in node)) problem(ctx, path, `missing key "${key}"`);
  }
  for (const key of Object.keys(node)) {
    if (
      !required.includes(key) &&
      !optional.includes(key) &&
      key !== "parent_uuid"
    ) {
      problem(
        ctx,
        at(path, key),
        `unexpected key "${key}"`,
        "Unknown fields would be lost in conversion.",
      );
    }
  }
  const uuid = node["uuid"];
  if (typeof uuid !== "string" || uuid === "")
    problem(ctx, at(path, "uuid"), "uuid must be a non-empty string");
  else if (ctx.uuids.has(uuid))
    problem(ctx, at(path, "uuid"), `duplicate uuid ${JSON.stringify(uuid)}`);
  else ctx.uuids.add(uuid);
  if (parent === undefined) {
    if ("parent_uuid" in node)
      problem(
        ctx,
        at(path, "parent_uuid"),
        "the root LogicalExpression has no parent_uuid",
      );
  } else if (node["parent_uuid"] !== parent) {
    problem(
      ctx,
      at(path, "parent_uuid"),
      `parent_uuid ${describe(node["parent_uuid"])} does not match the parent's uuid ${JSON.stringify(parent)}`,
    );
  }
  return ctx.diagnostics.length === before && typeof uuid === "string"
    ? uuid
    : undefined;
}

export function stringField(
  ctx: TreeReader,
  node: Json,
  key: string,
  path: Loc | undefined,
): string | undefined {
  const v = node[key];
  if (typeof v === "string") return v;
  return problem(
    ctx,
    at(path, key),
    `${key} must be a string, found ${describe(v)}`,
  );
}
