import {
  bundledCatalog,
  InternalError,
  type Catalog,
  type Diagnostic,
  type Result,
} from "@flowpy/transpiler";
import type { ChatClient } from "../../llm/chat-client.js";
import { createRedactor, type Redactor } from "../../redact/create-redactor.js";
import { sdkCodes } from "../../sdk-codes.js";
import { judgeFacetIds } from "../calibration/judge-facets.js";
import { askJudge } from "./ask-judge.js";
import { readFacetAnswer, type SampleVerdict } from "./judge-answer.js";
import {
  defaultJudgePromptVersion,
  judgeAnswerFormat,
  judgePromptTemplate,
  judgePromptTemplates,
  type JudgePromptTemplate,
} from "./judge-prompt.js";
import type { Facet, Judge, JudgeScore } from "./judge-score.js";
import { fillPromptTemplate } from "../../requests/request-prompt.js";
import { judgeView } from "./judge-view.js";
import { majorityVerdict } from "./majority-verdict.js";

export interface JudgeOptions {
  /** A released template version (`judge-facets/v1`, …); the newest by default. */
  readonly promptVersion?: string;
  /** Self-consistency samples per example (1 by default): each a request with its own seed. */
  readonly samples?: number;
  /** Facets to rate, in the order reported; all of calibration's facets by default. */
  readonly facets?: readonly Facet[];
  /** Temperature of each sample: 0 for a single sample, 0.7 with several, by default. */
  readonly temperature?: number;
  /** Seed of the first sample; sample i uses seed + i (0 by default). */
  readonly seed?: number;
  /** Times an unusable answer is sent back with its problems (2 by default). */
  readonly maxRepairs?: number;
  /**
   * What replaces merchant data before the judge sees anything. By default a redactor with a
   * fixed salt: the judge's view is never stored, so its placeholders only need to be
   * consistent within one prompt, and a fixed salt keeps prompts (and cache keys) stable.
   */
  readonly redactor?: Redactor;
  /** Task labels shown to the judge; the bundled catalog by default. */
  readonly catalog?: Catalog;
}

export const DEFAULT_JUDGE_REDACTION_SALT = "flowpy-judge-view/v1";

/**
 * A faceted judge behind `client`. All facets are asked in one structured request per
 * sample rather than one request per facet: the conversation and workflows are nearly the
 * whole prompt, so one request costs about a fifth of five, which matters most with
 * self-consistency; the answer schema still demands a separate verdict and rationale for
 * each facet, and the prompt tells the judge to rate each on its own evidence.
 */
export function createJudge(
  client: ChatClient,
  options: JudgeOptions = {},
): Judge {
  const version = options.promptVersion ?? defaultJudgePromptVersion;
  const template = judgePromptTemplate(version);
  const facets = options.facets ?? judgeFacetIds;
  const samples = options.samples ?? 1;
  const seed = options.seed ?? 0;
  const temperature = options.temperature ?? (samples === 1 ? 0 : 0.7);
  const maxRepairs = options.maxRepairs ?? 2;
  const redactor =
    options.redactor ?? createRedactor({ salt: DEFAULT_JUDGE_REDACTION_SALT });
  const catalog = options.catalog ?? bundledCatalog();
  const problems = optionProblems(
    template,
    version,
    facets,
    samples,
    seed,
    temperature,
    maxRepairs,
  );

  return {
    id: `judge:${client.model}@${version}`,
    async score(input): Promise<Result<JudgeScore>> {
      const inputProblems =
        input.exampleId === "" ? ["the example id is empty"] : [];
      if (problems.length > 0 || inputProblems.length > 0 || !template)
        return invalid([...problems, ...inputProblems]);
      const view = judgeView(input, redactor, catalog);
      const messages = [
        { role: "system" as const, content: template.system },
        {
          role: "user" as const,
          content: fillPromptTemplate(template.user, {
            ...view,
            facets: facets
              .map((f) => `- ${f}: ${template.facetQuestions[f]}`)
              .join("\n"),
            format: judgeAnswerFormat(facets),
          }),
        },
      ];
      const asked = await Promise.all(
        Array.from({ length: samples }, (_, i) =>
          askJudge(client, {
            messages,
            sampling: {
              temperature,
              seed: seed + i,
              response_format: { type: "json_object" },
            },
            read: (content) => readFacetAnswer(content, facets),
            repair: (found) =>
              fillPromptTemplate(template.repair, {
                problems: found.map((p) => `- ${p}`).join("\n"),
                format: judgeAnswerFormat(facets),
              }),
            maxRepairs,
            what: `example ${input.exampleId}, sample ${i + 1} of ${samples}`,
          }),
        ),
      );
      const diagnostics: Diagnostic[] = asked.flatMap((a) => a.diagnostics);
      const answers: (readonly SampleVerdict[])[] = [];
      for (const a of asked) if (a.ok) answers.push(a.value);
      if (answers.length < samples) return { ok: false, diagnostics };
      const verdicts = facets.map((facet, k) =>
        majorityVerdict(
          facet,
          answers.map((a) => {
            const v = a[k];
            if (v === undefined)
              throw new InternalError("a checked answer lacks a facet");
            return v;
          }),
        ),
      );
      const agreements = verdicts.flatMap((v) =>
        v.agreement === undefined ? [] : [v.agreement],
      );
      return {
        ok: true,
        value: {
          exampleId: input.exampleId,
          facets: verdicts,
          judgeModel: client.model,
          promptVersion: template.version,
          promptSha256: template.sha256,
          samples,
          ...(agreements.length === 0
            ? {}
            : {
                agreement:
                  agreements.reduce((s, a) => s + a, 0) / agreements.length,
              }),
        },
        diagnostics,
      };
    },
  };
}

function invalid<T>(problems: readonly string[]): Result<T> {
  return {
    ok: false,
    diagnostics: [
      {
        code: sdkCodes.judgeInvalidInput,
        severity: "error",
        message: `the judge cannot score: ${problems.join("; ")}`,
      },
    ],
  };
}

function optionProblems(
  template: JudgePromptTemplate | undefined,
  version: string,
  facets: readonly Facet[],
  samples: number,
  seed: number,
  temperature: number,
  maxRepairs: number,
): readonly string[] {
  const out: string[] = [];
  if (template === undefined)
    out.push(
      `unknown prompt version ${JSON.stringify(version)} (known: ${judgePromptTemplates.map((t) => t.version).join(", ")})`,
    );
  const known = new Set<string>(judgeFacetIds);
  if (facets.length === 0) out.push("no facets to rate");
  for (const f of facets)
    if (!known.has(f)) out.push(`unknown facet ${JSON.stringify(f)}`);
  if (new Set(facets).size !== facets.length) out.push("a facet is repeated");
  if (!(Number.isSafeInteger(samples) && samples >= 1 && samples <= 64))
    out.push("samples must be a whole number from 1 to 64");
  if (!Number.isSafeInteger(seed)) out.push("seed must be a whole number");
  if (!(Number.isFinite(temperature) && temperature >= 0 && temperature <= 2))
    out.push("temperature must be between 0 and 2");
  if (!(Number.isSafeInteger(maxRepairs) && maxRepairs >= 0))
    out.push("maxRepairs must be a whole number of at least 0");
  return out;
}
