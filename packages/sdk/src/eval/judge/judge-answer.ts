import { InternalError } from "@flowpy/transpiler";
import { z } from "zod";
import type { Facet, FacetVerdictValue } from "./judge-score.js";

/** A rationale is short by the prompt's rule; a longer one means the judge ignored the format. */
export const MAX_RATIONALE_CHARS = 1200;

const facetAnswer = z.strictObject({
  verdict: z.enum(["pass", "fail", "n/a"]),
  rationale: z.string().trim().min(1).max(MAX_RATIONALE_CHARS),
});

const facetsAnswer = z.strictObject({
  facets: z.record(z.string(), facetAnswer),
});

const pairAnswer = z.strictObject({
  better: z.enum(["1", "2", "tie"]),
  rationale: z.string().trim().min(1).max(MAX_RATIONALE_CHARS),
});

export interface SampleVerdict {
  readonly verdict: FacetVerdictValue;
  readonly rationale: string;
}

export type ReadAnswer<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * The JSON object of an answer: the whole text, or the text inside one ```json fence (some
 * models add one despite the instruction; nothing else is forgiven).
 */
function jsonOf(content: string): ReadAnswer<unknown> {
  const trimmed = content.trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n```$/.exec(trimmed);
  try {
    return { ok: true, value: JSON.parse(fenced?.[1] ?? trimmed) };
  } catch {
    return { ok: false, problems: ["the answer is not a JSON object"] };
  }
}

function issues(error: z.ZodError): readonly string[] {
  return error.issues.map((i) =>
    i.path.length > 0 ? `${i.path.join(".")}: ${i.message}` : i.message,
  );
}

/** One sample's verdicts, exactly the facets asked, in the order asked. */
export function readFacetAnswer(
  content: string,
  facets: readonly Facet[],
): ReadAnswer<readonly SampleVerdict[]> {
  const json = jsonOf(content);
  if (!json.ok) return json;
  const parsed = facetsAnswer.safeParse(json.value);
  // Missing and unasked facets are named even when the schema fails too: one repair round
  // should hear about every problem.
  const given = parsed.success ? parsed.data.facets : facetsOf(json.value);
  const asked = new Set<string>(facets);
  const problems = [
    ...(parsed.success ? [] : issues(parsed.error)),
    ...facets
      .filter((f) => given[f] === undefined)
      .map((f) => `facets.${f} is missing`),
    ...Object.keys(given)
      .filter((f) => !asked.has(f))
      .map((f) => `facets.${f} was not asked for`),
  ];
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return {
    ok: true,
    value: facets.map((f) => {
      const a = parsed.data.facets[f];
      if (a === undefined)
        throw new InternalError("a facet checked as present is missing");
      return { verdict: a.verdict, rationale: a.rationale };
    }),
  };
}

function facetsOf(value: unknown): Readonly<Record<string, unknown>> {
  if (typeof value !== "object" || value === null) return {};
  const facets: unknown = (value as { readonly facets?: unknown }).facets;
  return typeof facets === "object" && facets !== null && !Array.isArray(facets)
    ? (facets as Readonly<Record<string, unknown>>)
    : {};
}

export interface PairSampleAnswer {
  readonly better: "first" | "second" | "tie";
  readonly rationale: string;
}

export function readPairAnswer(content: string): ReadAnswer<PairSampleAnswer> {
  const json = jsonOf(content);
  if (!json.ok) return json;
  const parsed = pairAnswer.safeParse(json.value);
  if (!parsed.success) return { ok: false, problems: issues(parsed.error) };
  const better = ({ "1": "first", "2": "second", tie: "tie" } as const)[
    parsed.data.better
  ];
  return { ok: true, value: { better, rationale: parsed.data.rationale } };
}
