import { sha256Hex } from "../../sha256-hex.js";
import type { Facet } from "./judge-score.js";

/**
 * A versioned judge prompt. Templates are data: once released a version's text never
 * changes (a new text is a new version), and each carries the sha256 of its text, which
 * every score records; the test suite recomputes the hashes, so an edit without a new
 * version fails there. The facet questions are part of the template (and of its hash), not
 * borrowed from elsewhere, so a reworded question is always a new judge version.
 *
 * Placeholders (`<<name>>`) are filled in one pass, so shown text (a workflow's Liquid, a
 * merchant's message) is never read as a placeholder itself.
 */
export interface JudgePromptTemplate {
  readonly version: string;
  /** sha256 of `judgePromptText(template)`. */
  readonly sha256: string;
  readonly facetQuestions: Readonly<Record<Facet, string>>;
  readonly system: string;
  /** `<<conversation>>`, `<<workflow>>`, `<<reference>>`, `<<tasks>>`, `<<facets>>`, `<<format>>`. */
  readonly user: string;
  /** After an unusable answer: `<<problems>>`, `<<format>>`. */
  readonly repair: string;
  /** Pairwise comparison: `<<first>>`, `<<second>>`, `<<reference>>`, `<<tasks>>`. */
  readonly pairSystem: string;
  readonly pairUser: string;
  readonly pairRepair: string;
  /** Content-free text the verbosity probe appends to one answer. */
  readonly padding: string;
}

const v1: JudgePromptTemplate = {
  version: "judge-facets/v1",
  sha256: "6d5c13cfbedfa775fd332fa09147da978554fecd32a5325fa9c9c9f94a1603db",
  facetQuestions: {
    intent: "Did the assistant understand what the merchant wanted?",
    flow_fit:
      "Did it choose Flow when Flow fits, or rightly decline (a question, or something Flow cannot do)?",
    components:
      "Did it select the correct trigger, conditions and actions for the job?",
    configuration:
      "Did it configure them correctly (fields, condition values, Liquid, variables)?",
    next_steps:
      "Did it give clear next steps (what to check, connect or turn on before the workflow runs)?",
  },
  system: [
    "You review conversations between Shopify merchants and an assistant that builds Shopify Flow workflows.",
    "You rate each facet you are asked about separately, on its own evidence: a weak facet does not lower another.",
    "A facet is n/a only when it cannot apply (for example components when the assistant rightly declined).",
    "Length and politeness are not merits; judge what the merchant gets.",
    "Answer with JSON only.",
  ].join("\n"),
  user: [
    "The conversation (merchant data is replaced by placeholders):",
    "",
    "<<conversation>>",
    "",
    "The workflow the assistant ended with, in Python notation:",
    "<<workflow>>",
    "",
    "The reference answer:",
    "<<reference>>",
    "",
    "Flow tasks used (catalog labels):",
    "<<tasks>>",
    "",
    "Rate these facets, each pass, fail or n/a, with a rationale of at most two sentences:",
    "<<facets>>",
    "",
    "<<format>>",
  ].join("\n"),
  repair: [
    "That answer cannot be used:",
    "<<problems>>",
    "",
    "<<format>>",
  ].join("\n"),
  pairSystem: [
    "You compare two answers an assistant that builds Shopify Flow workflows gave to the same merchant.",
    "Prefer the answer that serves the merchant better: understood intent, Flow used (or declined) rightly, correct components, correct configuration, clear next steps.",
    "Length, repetition and politeness are not merits. Say tie when neither is better.",
    "Answer with JSON only.",
  ].join("\n"),
  pairUser: [
    "=== Answer 1 ===",
    "<<first>>",
    "=== Answer 2 ===",
    "<<second>>",
    "=== Reference ===",
    "<<reference>>",
    "",
    "Flow tasks used (catalog labels):",
    "<<tasks>>",
    "",
    'Answer with only this JSON object: {"better": "1" | "2" | "tie", "rationale": "<at most two sentences>"}',
  ].join("\n"),
  pairRepair: [
    "That answer cannot be used:",
    "<<problems>>",
    "",
    'Answer with only this JSON object: {"better": "1" | "2" | "tie", "rationale": "<at most two sentences>"}',
  ].join("\n"),
  padding: [
    "To sum up what was said above: the steps above are the steps described above, and they do what was described.",
    "Everything mentioned is as mentioned, and each part works the way it has been explained to work.",
    "As noted, the details given are the details that apply here, which is why they were given.",
    "I hope this summary of the above is a helpful summary of the above.",
  ].join(" "),
};

/** Every released template, oldest first; the last is the default. */
export const judgePromptTemplates: readonly JudgePromptTemplate[] = [v1];

export const defaultJudgePromptVersion = v1.version;

export function judgePromptTemplate(
  version: string,
): JudgePromptTemplate | undefined {
  return judgePromptTemplates.find((t) => t.version === version);
}

/** The text a template's hash covers: every part, unambiguously joined, facets in a fixed order. */
export function judgePromptText(t: JudgePromptTemplate): string {
  return JSON.stringify([
    t.version,
    Object.entries(t.facetQuestions).sort(([a], [b]) => (a < b ? -1 : 1)),
    t.system,
    t.user,
    t.repair,
    t.pairSystem,
    t.pairUser,
    t.pairRepair,
    t.padding,
  ]);
}

/** sha256 of a template's text as it is now (the pinned `sha256` must equal it). */
export function judgePromptSha256(t: JudgePromptTemplate): string {
  return sha256Hex(judgePromptText(t));
}

/** The answer format line of the faceted prompt, for the facets asked. */
export function judgeAnswerFormat(facets: readonly Facet[]): string {
  const fields = facets
    .map(
      (f) =>
        `"${f}": {"verdict": "pass" | "fail" | "n/a", "rationale": "<at most two sentences>"}`,
    )
    .join(", ");
  return `Answer with only this JSON object: {"facets": {${fields}}}`;
}
