import { codes } from "../../../diagnostics/codes.js";
import type { JsonPath } from "../../../diagnostics/diagnostic.js";
import { kindOfType, UNKNOWN_TYPE } from "./environment.js";
import { checkPath, type TypedPath } from "./check-paths.js";
import {
  parseOutput,
  parseTest,
  readExpression,
  readerOf,
  scanLiquid,
  tokenizeLiquid,
  type LiquidExpression,
  type LiquidValue,
} from "./liquid.js";
import type { StepScope, Variable } from "./scopes.js";
import { report, type ValidationContext } from "./validation-context.js";

/** List accessors Flow's Liquid does not have (SPEC §e): use filters such as `| first`. */
const ACCESSORS: ReadonlySet<string> = new Set([
  "first",
  "last",
  "size",
  "empty?",
]);

/**
 * Checks a Liquid template (a config value that supports Liquid) against Flow's dialect
 * (SPEC §e): well-formed delimiters, paths that exist here, and none of the forbidden
 * constructs (printing an object or a list, `| json`, indexes, `.first`/`.size`-style
 * accessors, `size` on a list of objects, filters inside `if`, `map: 'node'`).
 * Variables a template binds (`assign`, `capture`, `for`) are in scope after their tag.
 */
export function checkTemplate(
  ctx: ValidationContext,
  scope: StepScope,
  text: string,
  where: JsonPath,
): void {
  const scan = scanLiquid(text);
  if (scan.unclosed !== undefined) {
    const { open } = scan.unclosed;
    report(
      ctx,
      codes.liquidSyntax,
      `${open} is never closed by ${open === "{{" ? "}}" : "%}"}`,
      where,
      {
        hint: "Close every Liquid output with }} and every tag with %}.",
        focus: text.slice(scan.unclosed.start, scan.unclosed.start + 20),
      },
    );
  }
  if (scan.unbalanced !== undefined) {
    const { kind, name, partner, start, end } = scan.unbalanced;
    report(
      ctx,
      codes.liquidSyntax,
      kind === "open"
        ? `{% ${name} %} is never closed by {% ${partner} %}`
        : `{% ${name} %} closes a {% ${partner} %} that is not open`,
      where,
      {
        hint: "Every {% if %}, {% unless %}, {% case %}, {% for %} and {% capture %} needs its end tag, in nesting order.",
        focus: text.slice(start, end),
        focusOccurrence: occurrencesBefore(text, text.slice(start, end), start),
      },
    );
  }
  const locals = new Map<string, Variable>();
  for (const node of scan.nodes) {
    // The output or tag as written, which the Python (or JSON) shows: what to point at.
    const raw = text.slice(node.start, node.end);
    if (node.kind === "output") {
      if (!outputChecked(ctx, scope, locals, node.markup, where, raw))
        checkLoose(ctx, node.markup, where, raw);
      continue;
    }
    switch (node.name) {
      case "if":
      case "elsif":
      case "unless":
      case "when":
      case "case": {
        const test = parseTest(node.markup);
        if (test === undefined) break;
        if (test.hasFilter)
          report(
            ctx,
            codes.liquidForbidden,
            `a filter inside {% ${node.name} %} is not supported by Flow`,
            where,
            {
              hint: "Assign the filtered value first: {% assign n = x | size %}{% if n > 0 %}.",
              focus: raw,
            },
          );
        for (const o of test.operands) value(ctx, scope, locals, o, where);
        break;
      }
      case "assign": {
        const m = /^([\p{L}_][\p{L}\p{N}_-]*)\s*=\s*([\s\S]*)$/u.exec(
          node.markup,
        );
        if (m === null) break;
        const e = parseOutput(m[2] ?? "");
        let type = UNKNOWN_TYPE;
        if (e !== undefined) {
          const typed = value(ctx, scope, locals, e.value, where);
          checkFilters(ctx, e, typed, where, raw);
          if (
            typed !== undefined &&
            e.filters.length === 0 &&
            !typed.endsInList
          )
            type = typed.type;
        }
        bind(locals, m[1] ?? "", type);
        break;
      }
      case "capture":
        bind(locals, node.markup.split(/\s/)[0] ?? "", "String");
        break;
      case "for":
      case "tablerow": {
        const m = /^([\p{L}_][\p{L}\p{N}_-]*)\s+in\s+([\s\S]*)$/u.exec(
          node.markup,
        );
        if (m === null) break;
        const tokens = tokenizeLiquid(m[2] ?? "");
        const list =
          tokens === undefined ? undefined : readExpression(readerOf(tokens));
        const typed =
          list === undefined
            ? undefined
            : value(ctx, scope, locals, list.value, where);
        bind(
          locals,
          m[1] ?? "",
          typed !== undefined && typed.endsInList ? typed.type : UNKNOWN_TYPE,
        );
        bind(locals, "forloop");
        bind(locals, "tablerowloop");
        break;
      }
      case "echo":
        outputChecked(ctx, scope, locals, node.markup, where, raw);
        break;
      case "increment":
      case "decrement":
        bind(locals, node.markup.trim());
        break;
      default:
        break;
    }
  }
}

// `bind` and `value` are module functions, not closures made per template: under tsx's
// keepNames every named closure costs a `defineProperty` each time it is created.
function bind(
  locals: Map<string, Variable>,
  name: string,
  type = UNKNOWN_TYPE,
): void {
  locals.set(name, { name, type, isList: false, origin: { kind: "local" } });
}

function value(
  ctx: ValidationContext,
  scope: StepScope,
  locals: ReadonlyMap<string, Variable>,
  v: LiquidValue,
  where: JsonPath,
): TypedPath | undefined {
  return v.kind === "path"
    ? checkValue(ctx, scope, locals, v, where)
    : undefined;
}

function checkValue(
  ctx: ValidationContext,
  scope: StepScope,
  locals: ReadonlyMap<string, Variable>,
  v: Extract<LiquidValue, { kind: "path" }>,
  where: JsonPath,
): TypedPath | undefined {
  const index = indexSegment(v.segments);
  if (index >= 0) {
    report(
      ctx,
      codes.liquidForbidden,
      `${v.text}: indexing with ${v.segments[index] ?? "[]"} is not supported by Flow's Liquid`,
      where,
      {
        hint: "Use a filter such as | first or | last, or loop over the list.",
        focus: v.text,
      },
    );
    return undefined;
  }
  // `forloop.first` and `forloop.last` are Liquid's own loop properties.
  const loopVariable =
    v.segments[0] === "forloop" || v.segments[0] === "tablerowloop";
  const accessor = loopVariable ? -1 : accessorSegment(v.segments);
  if (accessor > 0) {
    const owner = v.segments.slice(0, accessor);
    const typed = checkPath(ctx, scope, locals, owner, owner.join("."), where);
    const field = v.segments[accessor] ?? "";
    const known =
      typed !== undefined &&
      !typed.endsInList &&
      ctx.scopes.env.fieldOf(typed.type, field) !== undefined;
    if (!known) {
      report(
        ctx,
        codes.liquidForbidden,
        `${v.text}: .${field} is not supported by Flow's Liquid`,
        where,
        {
          hint:
            field === "size"
              ? "Count a list by plucking a scalar field: {{ order.lineItems.id | size }}."
              : field === "empty?"
                ? "Compare the size instead: {% assign n = list.id | size %}{% if n == 0 %}."
                : `Use the filter instead: {{ ${owner.join(".")} | ${field} }} on a scalar list, or loop.`,
          focus: v.text,
        },
      );
      return undefined;
    }
  }
  return checkPath(ctx, scope, locals, v.segments, v.text, where);
}

/** The first `[…]` segment, or -1. */
function indexSegment(segments: readonly string[]): number {
  for (let i = 0; i < segments.length; i++)
    if (segments[i]?.startsWith("[") === true) return i;
  return -1;
}

/** The first list accessor after the root (`.first`, `.size`), or -1. */
function accessorSegment(segments: readonly string[]): number {
  for (let i = 1; i < segments.length; i++)
    if (ACCESSORS.has(segments[i] ?? "")) return i;
  return -1;
}

/** An output (`{{ … }}` or `{% echo … %}`) checked; false when its markup does not parse. */
function outputChecked(
  ctx: ValidationContext,
  scope: StepScope,
  locals: ReadonlyMap<string, Variable>,
  markup: string,
  where: JsonPath,
  raw: string,
): boolean {
  const e = parseOutput(markup);
  if (e === undefined) return false;
  checkOutput(
    ctx,
    e,
    value(ctx, scope, locals, e.value, where),
    where,
    markup,
    raw,
  );
  return true;
}

function checkOutput(
  ctx: ValidationContext,
  e: LiquidExpression,
  typed: TypedPath | undefined,
  where: JsonPath,
  markup: string,
  raw: string,
): void {
  checkFilters(ctx, e, typed, where, raw);
  if (typed === undefined || e.filters.length > 0) return;
  const kind = kindOfType(ctx.scopes.env, typed.type);
  const object = kind === "object" || kind === "open";
  if (typed.endsInList || (object && !typed.crossesList)) {
    report(
      ctx,
      codes.liquidForbidden,
      `{{ ${markup} }} prints ${typed.endsInList ? "a list" : "an object"}; Flow's Liquid prints only single values`,
      where,
      {
        hint: typed.endsInList
          ? 'Loop over the list ({% for x in list %}…{% endfor %}) or use a filter such as | join: ", ".'
          : "Print one of its fields, e.g. its id or name.",
        focus: raw,
      },
    );
  }
}

function checkFilters(
  ctx: ValidationContext,
  e: LiquidExpression,
  typed: TypedPath | undefined,
  where: JsonPath,
  raw: string,
): void {
  e.filters.forEach((f, i) => {
    if (f.name === "json") {
      report(
        ctx,
        codes.liquidForbidden,
        "the json filter is not supported by Flow's Liquid",
        where,
        {
          hint: "Print the fields you need one by one.",
          focus: raw,
        },
      );
    } else if (
      f.name === "map" &&
      f.stringArgs.some((a) => a === "node" || a === "edges")
    ) {
      report(
        ctx,
        codes.liquidForbidden,
        `map: '${f.stringArgs[0] ?? "node"}' is connection plumbing Flow paths do not need`,
        where,
        {
          hint: "Flow lists are plain lists: order.lineItems, not edges/nodes.",
          focus: raw,
        },
      );
    } else if (
      f.name === "size" &&
      i === 0 &&
      typed !== undefined &&
      typed.endsInList &&
      !typed.crossesList
    ) {
      const kind = kindOfType(ctx.scopes.env, typed.type);
      if (kind === "object" || kind === "open")
        report(
          ctx,
          codes.liquidForbidden,
          "size on a list of objects is not supported by Flow's Liquid",
          where,
          {
            hint: "Pluck a scalar field first: {{ order.lineItems.id | size }}.",
            focus: raw,
          },
        );
    }
  });
}

/** Markup the expression reader did not understand: only the certain mistakes are looked for. */
function checkLoose(
  ctx: ValidationContext,
  markup: string,
  where: JsonPath,
  raw: string,
): void {
  if (/\|\s*json\b/.test(markup))
    report(
      ctx,
      codes.liquidForbidden,
      "the json filter is not supported by Flow's Liquid",
      where,
      {
        hint: "Print the fields you need one by one.",
        focus: raw,
      },
    );
}

/** How often `needle` occurs in `text` before `offset` (a tag may be written several times). */
function occurrencesBefore(
  text: string,
  needle: string,
  offset: number,
): number {
  let n = 0;
  for (
    let i = text.indexOf(needle);
    i >= 0 && i < offset;
    i = text.indexOf(needle, i + 1)
  )
    n++;
  return n;
}
