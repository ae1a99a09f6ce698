import type { ConfigField, Diagnostic, FlowStep } from "@flowpy/transpiler";
import type { Resolved } from "./environment.js";
import { hasLiquid } from "./flow-liquid.js";
import { sdkCodes } from "../sdk-codes.js";
import { isRecord, type SimRecord, type SimValue } from "./sim-value.js";

/** How config text meets the environment: Liquid rendering and path lookup for one step. */
export interface ArgumentContext {
  readonly render: (
    text: string,
  ) =>
    | { readonly ok: true; readonly text: string }
    | { readonly ok: false; readonly problems: readonly Diagnostic[] };
  readonly resolve: (path: string) => Resolved;
  readonly unbound: (
    r: Extract<Resolved, { kind: "unbound" }>,
    path: string,
  ) => Diagnostic;
}

export type ArgumentsResult =
  | {
      readonly ok: true;
      readonly arguments: SimRecord;
      readonly problems: readonly Diagnostic[];
    }
  | { readonly ok: false; readonly problems: readonly Diagnostic[] };

/** A JSON array or object as the transpiler decodes one: no surrounding whitespace, not Liquid. */
function isJsonContainer(text: string): boolean {
  const first = text.charAt(0);
  return (
    (first === "[" ||
      (first === "{" && !text.startsWith("{{") && !text.startsWith("{%"))) &&
    text === text.trim()
  );
}

const JSON_FIELDS: ReadonlySet<string> = new Set([
  "list",
  "liquid_wrapper",
  "headers",
  "rrule",
  "metafield_ref",
]);

const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * The step's config as decoded, fully rendered arguments (SPEC §c): tags become lists,
 * id wrappers the id they point at, `api_call` an object whose `blob` is the rendered JSON,
 * numbers and booleans their values; Liquid renders wherever the catalog allows it (or,
 * for fields it does not know, wherever the text holds Liquid).
 */
export function stepArguments(
  step: FlowStep,
  fields: readonly ConfigField[] | undefined,
  ctx: ArgumentContext,
): ArgumentsResult {
  const out: Record<string, SimValue> = {};
  const problems: Diagnostic[] = [];
  let failed = false;
  const fail = (ps: readonly Diagnostic[]): undefined => {
    failed = true;
    problems.push(
      ...ps.map((p) => ({ ...p, path: [...step.path, "config_field_values"] })),
    );
    return undefined;
  };
  const warn = (message: string): void => {
    problems.push({
      code: sdkCodes.simInvalidConfigValue,
      severity: "warning",
      message,
      path: [...step.path, "config_field_values"],
    });
  };
  const text = (s: string, liquid: boolean): string | undefined => {
    if (!liquid || !hasLiquid(s)) return s;
    const r = ctx.render(s);
    return r.ok ? r.text : fail(r.problems);
  };
  const path = (p: string): SimValue | undefined => {
    const r = ctx.resolve(p);
    if (r.kind === "value") return r.value;
    return fail([ctx.unbound(r, p)]);
  };
  /** JSON leaves rendered; nested `{value, default_value}` wrappers resolved. */
  const deep = (v: SimValue, liquid: boolean): SimValue | undefined => {
    if (typeof v === "string") {
      const nested = isJsonContainer(v) ? json(v, undefined) : undefined;
      return nested !== undefined ? deep(nested, liquid) : text(v, liquid);
    }
    if (Array.isArray(v)) {
      const items: SimValue[] = [];
      for (const x of v as readonly SimValue[]) {
        const d = deep(x, liquid);
        if (d === undefined) return undefined;
        items.push(d);
      }
      return items;
    }
    if (isRecord(v)) {
      const wrapped = wrapper(v);
      if (wrapped !== undefined) return wrapped;
      const o: Record<string, SimValue> = {};
      for (const [k, x] of Object.entries(v)) {
        const d = deep(x, liquid);
        if (d === undefined) return undefined;
        o[k] = d;
      }
      return o;
    }
    return v;
  };
  const wrapper = (v: SimRecord): SimValue | undefined => {
    const keys = Object.keys(v);
    const value = v["value"];
    const fallback = v["default_value"];
    if (
      keys.length !== 2 ||
      typeof value !== "string" ||
      typeof fallback !== "string"
    )
      return undefined;
    if (value !== "") return text(value, true) ?? null;
    if (PATH.test(fallback)) return path(fallback) ?? null;
    return fallback;
  };
  const json = (s: string, what: string | undefined): SimValue | undefined => {
    try {
      return JSON.parse(s) as SimValue;
    } catch {
      if (what !== undefined)
        warn(`${what} does not hold valid JSON; kept as text`);
      return undefined;
    }
  };
  /**
   * A `blob` that is JSON renders Liquid inside its strings (where `\"` is a plain quote
   * to Liquid); one that only becomes JSON once rendered (Liquid outside strings) renders
   * as text and is decoded afterwards.
   */
  const apiCall = (call: SimRecord): SimValue | undefined => {
    const blob = call["blob"];
    if (typeof blob !== "string") return deep(call, true);
    const parsedBlob = json(blob, undefined);
    if (parsedBlob !== undefined) {
      const rendered = deep(parsedBlob, true);
      return rendered === undefined ? undefined : { ...call, blob: rendered };
    }
    const rendered = text(blob, true);
    if (rendered === undefined) return undefined;
    const decoded = json(rendered, "api_call.blob once rendered");
    return { ...call, blob: decoded ?? rendered };
  };

  for (const entry of step.config) {
    const field = fields?.find((f) => f.id === entry.fieldId);
    const raw = entry.value;
    const liquid = field?.supports_liquid ?? hasLiquid(raw);
    let value: SimValue | undefined;
    // Text that is a JSON array or object means its decoded value, whatever the field
    // (the transpiler's canonical form compares it so); Liquid renders inside its strings.
    const container =
      isJsonContainer(raw) && field?.type !== "api_call"
        ? json(raw, undefined)
        : undefined;
    if (container !== undefined) {
      value = deep(container, liquid);
      if (value !== undefined) out[entry.fieldId] = value;
      continue;
    }
    switch (field?.type) {
      case "liquid":
      case "search_query":
      case "string":
      case "enum":
      case "graphql_query":
      case "javascript":
      case "graphql_sdl":
      case "shopifyql":
      case "duration":
      case "condition":
        value = text(raw, liquid);
        break;
      case "env_path":
        // A listpath names the list a step iterates or counts; it is not read as a value.
        value =
          entry.fieldId === "listpath"
            ? raw.trim()
            : PATH.test(raw.trim())
              ? path(raw.trim())
              : text(raw, true);
        break;
      case "number": {
        const t = text(raw, liquid);
        value =
          t !== undefined && /^\s*-?\d+(\.\d+)?([eE][+-]?\d+)?\s*$/.test(t)
            ? Number(t)
            : t;
        break;
      }
      case "boolean": {
        const l = raw.trim().toLowerCase();
        value = l === "true" ? true : l === "false" ? false : raw;
        break;
      }
      case "api_call": {
        const parsed = json(raw, entry.fieldId);
        if (parsed === undefined || !isRecord(parsed)) {
          value = text(raw, liquid);
          break;
        }
        value = apiCall(parsed);
        break;
      }
      default: {
        // list, liquid_wrapper, headers, rrule, metafield_ref, resource_ref and unknown fields
        const t = raw.trim();
        const looksJson =
          t.startsWith("[") ||
          (t.startsWith("{") && !t.startsWith("{{") && !t.startsWith("{%"));
        const expectsJson = field !== undefined && JSON_FIELDS.has(field.type);
        const parsed = looksJson
          ? json(raw, expectsJson ? entry.fieldId : undefined)
          : undefined;
        if (parsed !== undefined) value = deep(parsed, liquid);
        else if (field?.type === "liquid_wrapper" && PATH.test(t))
          value = path(t);
        else value = text(raw, liquid);
      }
    }
    if (value !== undefined) out[entry.fieldId] = value;
    else if (!failed) out[entry.fieldId] = raw;
  }
  return failed
    ? { ok: false, problems }
    : { ok: true, arguments: out, problems };
}
