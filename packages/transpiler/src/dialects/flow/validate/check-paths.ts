import { codes } from "../../../diagnostics/codes.js";
import type { JsonPath } from "../../../diagnostics/diagnostic.js";
import {
  kindOfType,
  resolveFields,
  UNKNOWN_TYPE,
  type Resolution,
} from "./environment.js";
import type { StepScope, Variable } from "./scopes.js";
import { closestNames, didYouMean, snakeToCamel } from "./suggest.js";
import { report, type ValidationContext } from "./validation-context.js";

/** What a checked path turned out to be; undefined when it was reported or cannot be typed. */
export interface TypedPath {
  readonly variable: Variable;
  readonly type: string;
  readonly endsInList: boolean;
  readonly crossesList: boolean;
  /** The catalog knows the type reached (object, open object or scalar). */
  readonly known: boolean;
}

/** Names bound inside one value, in front of the step's scope (binders, Liquid variables). */
export type Locals = ReadonlyMap<string, Variable>;

export const NO_LOCALS: Locals = new Map();

// Non-ASCII letters are accepted so that `artículo.sku` is checked (and reported as
// unknown: no Flow name has them) instead of being skipped as no path at all.
const PATH =
  /^[\p{L}_][\p{L}\p{N}_-]*(?:\.[\p{L}_][\p{L}\p{N}_?-]*|\[[^\]]*\])*$/u;

/**
 * `PATH` for ASCII names, which every Flow path has: the same classes restricted to ASCII,
 * so a match here is a match there, and much cheaper than the Unicode property classes.
 */
const ASCII_PATH =
  /^[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_?-]*|\[[^\]]*\])*$/;

/**
 * Checks one environment path used by a step (SPEC §d, §g): no connection plumbing or
 * indexes, a root that is in scope here (or why it is not: used after a Wait, outside
 * its loop, before its step), and fields that exist on the types the catalog knows.
 */
export function checkPath(
  ctx: ValidationContext,
  scope: StepScope,
  locals: Locals,
  segments: readonly string[],
  text: string,
  where: JsonPath,
): TypedPath | undefined {
  const root = segments[0];
  if (root === undefined || root === "") return undefined;
  const rest = segments.slice(1);
  const plumbing = plumbingIndex(segments);
  if (plumbing > 0) {
    const s = segments[plumbing] ?? "";
    report(
      ctx,
      codes.flowConnectionPath,
      `${text} uses ${s.startsWith("[") ? `the index ${s}` : `.${s}`}, which Flow paths do not have`,
      where,
      {
        hint: s.startsWith("[")
          ? "Flow has no indexes: iterate the list (a loop, or any()/all() in a condition)."
          : "Flow paths skip GraphQL connections: write order.lineItems, not order.lineItems.edges.node.",
        focus: text,
      },
    );
    return undefined;
  }
  const variable = locals.get(root) ?? scope.visible.get(root);
  if (variable === undefined) {
    reportRoot(ctx, scope, locals, root, text, where);
    return undefined;
  }
  const r: Resolution = resolveFields(ctx.scopes.env, variable, rest);
  switch (r.kind) {
    case "ok":
      return {
        variable,
        type: r.type,
        endsInList: r.endsInList,
        crossesList: r.crossesList,
        known:
          r.type !== UNKNOWN_TYPE &&
          kindOfType(ctx.scopes.env, r.type) !== "unknown",
      };
    case "unknown-field": {
      const field = rest[r.index] ?? "";
      const prefix = [root, ...rest.slice(0, r.index)].join(".");
      report(
        ctx,
        codes.flowUnknownPath,
        `${text}: ${prefix} (${describeType(r.owner)}) has no field ${field}`,
        where,
        {
          hint: fieldHint(field, r.suggestions, prefix),
          focus: text,
        },
      );
      return undefined;
    }
    case "scalar-field": {
      const prefix = [root, ...rest.slice(0, r.index)].join(".");
      report(
        ctx,
        codes.flowUnknownPath,
        `${text}: ${prefix} is ${article(describeType(r.owner))}, which has no fields`,
        where,
        { hint: `Use ${prefix} itself.`, focus: text },
      );
      return undefined;
    }
    case "connection":
      // Caught above, before the root is looked up.
      return undefined;
  }
}

/** The first connection segment or index (`edges`, `nodes`, `[0]`), or -1. */
function plumbingIndex(segments: readonly string[]): number {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] ?? "";
    if (s === "edges" || s === "nodes" || /^\[\d+\]$/.test(s)) return i;
  }
  return -1;
}

/** Splits a path as written in config values and conditions; undefined when it is not a path. */
export function splitPath(text: string): readonly string[] | undefined {
  const t = text.trim();
  if (!ASCII_PATH.test(t) && !PATH.test(t)) return undefined;
  // Without a bracket the pattern below splits at the dots alone.
  return t.includes("[") ? t.split(/\.|(?=\[)/) : t.split(".");
}

function reportRoot(
  ctx: ValidationContext,
  scope: StepScope,
  locals: Locals,
  root: string,
  text: string,
  where: JsonPath,
): void {
  if (!scope.known) return;
  const expired = scope.expired.get(root);
  if (expired !== undefined) {
    report(
      ctx,
      codes.flowDataAfterWait,
      `${root} is fetched data and a Wait before this step discards it`,
      where,
      {
        hint: "Fetch the data again after the Wait (Flow re-reads the environment when a Wait ends).",
        focus: text,
      },
    );
    return;
  }
  const elsewhere = ctx.scopes.everywhere.get(root);
  if (elsewhere?.origin.kind === "item") {
    const loop = ctx.workflow.steps[elsewhere.origin.step];
    const list = loop?.config.find((c) => c.fieldId === "listpath")?.value;
    report(
      ctx,
      codes.flowForeachItemScope,
      `${root} is the item of the loop over ${list ?? "a list"} and exists only inside that loop's body`,
      where,
      {
        hint: "Use the item only in steps under the loop's loop_body port (the body of the for loop in Python).",
        focus: text,
      },
    );
    return;
  }
  if (elsewhere?.origin.kind === "output") {
    report(
      ctx,
      codes.flowStepOutputScope,
      `${root} is the output of a step that has not run at this point (it is later in the workflow or on another branch)`,
      where,
      {
        hint: "A step can use the outputs of the steps before it on its own path only.",
        focus: text,
      },
    );
    return;
  }
  if (scope.open) return;
  const candidates = [...locals.keys(), ...scope.visible.keys()];
  // `workflow.name` for the root `workflowName`: a camelCase name split at its dot.
  const next = snakeToCamel(text.slice(root.length + 1).split(/[.[]/)[0] ?? "");
  const joined =
    next === ""
      ? undefined
      : `${root}${next.charAt(0).toUpperCase()}${next.slice(1)}`;
  const suggestions =
    joined !== undefined && candidates.includes(joined)
      ? [joined]
      : closestNames(root, candidates);
  const items = [...scope.visible.values()].filter(
    (v) => v.origin.kind === "item",
  );
  const itemHint =
    items.length > 0 && suggestions.length === 0
      ? ` In a loop body the item is ${items.map((v) => v.name).join(", ")}.`
      : "";
  report(ctx, codes.flowUnknownPath, `${root} is not a variable here`, where, {
    hint: `${didYouMean(suggestions) ?? `Variables here: ${candidates.slice(0, 12).join(", ") || "none"}.`}${itemHint}`,
    focus: text,
  });
}

export function article(name: string): string {
  return /^[AEIOU]/.test(name) ? `an ${name}` : `a ${name}`;
}

function describeType(type: string): string {
  const colon = type.indexOf(":");
  return colon > 0 ? type.slice(colon + 1) : type;
}

function fieldHint(
  field: string,
  suggestions: readonly string[],
  prefix: string,
): string {
  const camel = /_[a-z]/.test(field);
  const base = didYouMean(suggestions.map((s) => `${prefix}.${s}`));
  if (base === undefined)
    return camel
      ? "Flow paths are camelCase GraphQL field names; metafields must be declared in patched_fields first."
      : "Check the field name with environment-paths-search; metafields must be declared in patched_fields first.";
  return camel ? `${base} Flow paths are camelCase, not snake_case.` : base;
}
