import type { Diagnostic } from "@flowpy/transpiler";
import { Liquid, Tokenizer, TokenKind, type Template } from "liquidjs";
import { flowFilters } from "./flow-filters.js";
import { checkLiquidParts, type TemplatePart } from "./liquid-rules.js";
import { sdkCodes } from "../sdk-codes.js";

/** A template checked against Flow's rules: renderable when `template` is set and `problems` is empty. */
export interface LiquidAnalysis {
  readonly template: Template[] | undefined;
  /** Paths (leading property names) of every variable the template reads from outside. */
  readonly globals: readonly (readonly string[])[];
  readonly problems: readonly Diagnostic[];
}

export type RenderResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly problems: readonly Diagnostic[] };

export interface FlowLiquid {
  readonly analyze: (text: string) => LiquidAnalysis;
  readonly render: (
    analysis: LiquidAnalysis,
    scope: Readonly<Record<string, unknown>>,
  ) => RenderResult;
}

/** Renders of one template may not run away (e.g. nested loops over large lists). */
const TEMPLATE_LIMIT = 200_000;
const MEMORY_LIMIT = 50_000_000;

export function hasLiquid(text: string): boolean {
  return text.includes("{{") || text.includes("{%");
}

/**
 * One Liquid engine with Flow's filters and rules. Each instance keeps a cache of analysed
 * templates and a per-render problem list; renders are synchronous, so the list is never
 * shared between two renders in flight.
 */
export function createFlowLiquid(now: Date): FlowLiquid {
  let problems: Diagnostic[] = [];
  const report = (code: string, message: string): void => {
    problems.push({ code, severity: "error", message });
  };
  const engine = new Liquid({
    strictFilters: true,
    ownPropertyOnly: true,
    timezoneOffset: 0,
    locale: "en-US",
    outputEscape: (value: unknown): string => {
      if (value === null || value === undefined) return "";
      if (typeof value === "object" && !(value instanceof Date)) {
        report(
          sdkCodes.simLiquidPrintsObject,
          `{{ }} printed a whole ${Array.isArray(value) ? "list" : "object"}; Flow prints scalar values only`,
        );
        return "";
      }
      return String(value);
    },
  });
  const filters = flowFilters({
    now,
    report: (kind, message) =>
      report(
        kind === "size-of-objects"
          ? sdkCodes.simLiquidSizeOfObjects
          : sdkCodes.simLiquidRender,
        message,
      ),
  });
  for (const [name, impl] of Object.entries(filters))
    engine.registerFilter(name, impl);
  const cache = new Map<string, LiquidAnalysis>();

  const analyze = (text: string): LiquidAnalysis => {
    const known = cache.get(text);
    if (known !== undefined) return known;
    const analysis = analyzeUncached(engine, text);
    cache.set(text, analysis);
    return analysis;
  };
  const render = (
    analysis: LiquidAnalysis,
    scope: Readonly<Record<string, unknown>>,
  ): RenderResult => {
    if (analysis.template === undefined || analysis.problems.length > 0)
      return { ok: false, problems: analysis.problems };
    problems = [];
    try {
      const text: unknown = engine.renderSync(analysis.template, scope, {
        templateLimit: TEMPLATE_LIMIT,
        memoryLimit: MEMORY_LIMIT,
      });
      if (problems.length > 0) return { ok: false, problems };
      return { ok: true, text: String(text) };
    } catch (e) {
      return {
        ok: false,
        problems: [
          ...problems,
          {
            code: sdkCodes.simLiquidRender,
            severity: "error",
            message: `Liquid failed while rendering: ${firstLine(e)}`,
          },
        ],
      };
    }
  };
  return { analyze, render };
}

function analyzeUncached(engine: Liquid, text: string): LiquidAnalysis {
  let parts: TemplatePart[];
  try {
    parts = templateParts(text);
  } catch (e) {
    return syntaxFailure(e);
  }
  const problems = checkLiquidParts(parts);
  let template: Template[];
  try {
    template = engine.parse(text);
  } catch (e) {
    // Unknown filters fail parsing (strictFilters); the rules above already named them.
    return problems.length > 0
      ? { template: undefined, globals: [], problems }
      : syntaxFailure(e);
  }
  let globals: (readonly string[])[] = [];
  try {
    globals = engine
      .globalVariableSegmentsSync(template)
      .map((segments) => leadingNames(segments));
  } catch {
    globals = [];
  }
  return { template, globals, problems };
}

function leadingNames(segments: readonly unknown[]): string[] {
  const out: string[] = [];
  for (const s of segments) {
    if (typeof s !== "string") break;
    out.push(s);
  }
  return out;
}

/** Tags and outputs in order, without the bodies of comment and raw blocks. */
function templateParts(text: string): TemplatePart[] {
  const tokens = new Tokenizer(text).readTopLevelTokens();
  const parts: TemplatePart[] = [];
  let skipUntil: string | undefined;
  for (const token of tokens) {
    if (token.kind === TokenKind.Tag) {
      const { name, args } = token as unknown as { name: string; args: string };
      if (skipUntil !== undefined) {
        if (name === skipUntil) skipUntil = undefined;
        continue;
      }
      if (name === "comment" || name === "raw") skipUntil = `end${name}`;
      parts.push({ kind: "tag", name, args });
    } else if (token.kind === TokenKind.Output && skipUntil === undefined) {
      const { content } = token as unknown as { content: string };
      parts.push({ kind: "output", content });
    }
  }
  return parts;
}

function syntaxFailure(e: unknown): LiquidAnalysis {
  return {
    template: undefined,
    globals: [],
    problems: [
      {
        code: sdkCodes.simLiquidSyntax,
        severity: "error",
        message: `the Liquid does not parse: ${firstLine(e)}`,
      },
    ],
  };
}

function firstLine(e: unknown): string {
  const message =
    typeof e === "object" && e !== null && "message" in e
      ? String((e as { message: unknown }).message)
      : String(e);
  return message.split("\n")[0] ?? message;
}
