import {
  bundledCatalog,
  type Catalog,
  type Diagnostic,
  type Result,
} from "@flowpy/transpiler";
import type { ChatMessage } from "../../conversation/chat-message.js";
import type { ChatClient } from "../../llm/chat-client.js";
import { createRedactor, type Redactor } from "../../redact/create-redactor.js";
import { sdkCodes } from "../../sdk-codes.js";
import { askJudge } from "./ask-judge.js";
import { DEFAULT_JUDGE_REDACTION_SALT } from "./create-judge.js";
import { readPairAnswer } from "./judge-answer.js";
import {
  defaultJudgePromptVersion,
  judgePromptTemplate,
  type JudgePromptTemplate,
} from "./judge-prompt.js";
import { fillPromptTemplate } from "../../requests/request-prompt.js";
import { judgeView } from "./judge-view.js";

/** One of the two answers compared: the conversation it gave and the workflow it ended with. */
export interface PairCandidate {
  readonly conversation: readonly ChatMessage[];
  readonly finalWorkflow?: string;
}

export interface PairInput {
  readonly exampleId: string;
  readonly a: PairCandidate;
  readonly b: PairCandidate;
  readonly reference?: {
    readonly workflow?: string;
    readonly shouldDecline?: boolean;
  };
}

export type PairPreference = "a" | "b" | "tie";

/** One request of the comparison: which candidate was shown first, and what the judge preferred. */
export interface PairOrderVerdict {
  readonly shownFirst: "a" | "b";
  readonly preferred: PairPreference;
  /** Where the preferred answer stood: what a position-biased judge always picks. */
  readonly preferredPosition: "first" | "second" | "tie";
  readonly rationale: string;
}

/** Both orders of one pair, and what they amount to. */
export interface SwappedVerdict {
  /** The shared preference when both orders agree; otherwise "tie". */
  readonly preference: PairPreference;
  /** Whether both orders named the same candidate (or both said tie). */
  readonly consistent: boolean;
  /** The position both orders picked when they disagree on the candidate; "none" otherwise. */
  readonly positionBias: "first" | "second" | "none";
  readonly orders: readonly [PairOrderVerdict, PairOrderVerdict];
}

/**
 * The verbosity probe: one candidate padded with content-free text and compared again (both
 * orders). A preference that moves toward the padded candidate flags the judge.
 */
export interface VerbosityProbe {
  /** The candidate that was padded: the one not preferred (b when the pair was a tie). */
  readonly padded: "a" | "b";
  readonly paddingChars: number;
  readonly verdict: SwappedVerdict;
  readonly movedTowardPadded: boolean;
}

export interface PairComparison {
  readonly exampleId: string;
  readonly judgeModel: string;
  readonly promptVersion: string;
  readonly promptSha256: string;
  /** The recorded preference: a position-inconsistent one is a tie. */
  readonly preference: PairPreference;
  readonly positionConsistent: boolean;
  readonly swap: SwappedVerdict;
  readonly verbosity?: VerbosityProbe;
  /** True when the verbosity probe moved the preference toward the padded answer. */
  readonly verbosityBiased?: boolean;
}

export interface ComparePairOptions {
  readonly promptVersion?: string;
  /** Seed of every request (0 by default); the temperature is 0. */
  readonly seed?: number;
  readonly maxRepairs?: number;
  /** Pad the losing answer and compare again (true by default; two more requests). */
  readonly verbosityProbe?: boolean;
  readonly redactor?: Redactor;
  readonly catalog?: Catalog;
}

/**
 * Compares two answers to the same example with the judge behind `client`: asked with A
 * first and with B first, so that a preference that follows the position is recorded as a
 * tie and the bias named; then, unless turned off, the verbosity probe.
 */
export async function comparePair(
  client: ChatClient,
  input: PairInput,
  options: ComparePairOptions = {},
): Promise<Result<PairComparison>> {
  const version = options.promptVersion ?? defaultJudgePromptVersion;
  const template = judgePromptTemplate(version);
  const seed = options.seed ?? 0;
  const maxRepairs = options.maxRepairs ?? 2;
  if (
    template === undefined ||
    input.exampleId === "" ||
    !Number.isSafeInteger(seed) ||
    !(Number.isSafeInteger(maxRepairs) && maxRepairs >= 0)
  )
    return {
      ok: false,
      diagnostics: [
        {
          code: sdkCodes.judgeInvalidInput,
          severity: "error",
          message: `the pair cannot be compared: ${[
            template === undefined
              ? `unknown prompt version ${JSON.stringify(version)}`
              : "",
            input.exampleId === "" ? "the example id is empty" : "",
            Number.isSafeInteger(seed) ? "" : "seed must be a whole number",
            Number.isSafeInteger(maxRepairs) && maxRepairs >= 0
              ? ""
              : "maxRepairs must be a whole number of at least 0",
          ]
            .filter((p) => p !== "")
            .join("; ")}`,
        },
      ],
    };
  const ctx: PairContext = {
    client,
    template,
    seed,
    maxRepairs,
    redactor:
      options.redactor ??
      createRedactor({ salt: DEFAULT_JUDGE_REDACTION_SALT }),
    catalog: options.catalog ?? bundledCatalog(),
    input,
  };
  const diagnostics: Diagnostic[] = [];
  const swap = await swapped(ctx, input.a, input.b, diagnostics);
  if (swap === undefined) return { ok: false, diagnostics };
  let verbosity: VerbosityProbe | undefined;
  if (options.verbosityProbe !== false) {
    const padded = swap.preference === "a" ? "b" : "a";
    const paddedCandidate = pad(input[padded], template.padding);
    const probe = await swapped(
      ctx,
      padded === "a" ? paddedCandidate : input.a,
      padded === "b" ? paddedCandidate : input.b,
      diagnostics,
    );
    if (probe === undefined) return { ok: false, diagnostics };
    const standing = (p: PairPreference): number =>
      p === padded ? 2 : p === "tie" ? 1 : 0;
    verbosity = {
      padded,
      paddingChars: template.padding.length,
      verdict: probe,
      movedTowardPadded: standing(probe.preference) > standing(swap.preference),
    };
  }
  return {
    ok: true,
    value: {
      exampleId: input.exampleId,
      judgeModel: client.model,
      promptVersion: template.version,
      promptSha256: template.sha256,
      preference: swap.preference,
      positionConsistent: swap.consistent,
      swap,
      ...(verbosity === undefined
        ? {}
        : { verbosity, verbosityBiased: verbosity.movedTowardPadded }),
    },
    diagnostics,
  };
}

interface PairContext {
  readonly client: ChatClient;
  readonly template: JudgePromptTemplate;
  readonly seed: number;
  readonly maxRepairs: number;
  readonly redactor: Redactor;
  readonly catalog: Catalog;
  readonly input: PairInput;
}

async function swapped(
  ctx: PairContext,
  a: PairCandidate,
  b: PairCandidate,
  diagnostics: Diagnostic[],
): Promise<SwappedVerdict | undefined> {
  const [ab, ba] = await Promise.all([
    ordered(ctx, a, b, "a"),
    ordered(ctx, b, a, "b"),
  ]);
  diagnostics.push(...ab.diagnostics, ...ba.diagnostics);
  if (!ab.ok || !ba.ok) return undefined;
  const consistent = ab.value.preferred === ba.value.preferred;
  const samePosition =
    ab.value.preferredPosition === ba.value.preferredPosition &&
    ab.value.preferredPosition !== "tie";
  return {
    preference: consistent ? ab.value.preferred : "tie",
    consistent,
    positionBias:
      !consistent && samePosition ? ab.value.preferredPosition : "none",
    orders: [ab.value, ba.value],
  };
}

async function ordered(
  ctx: PairContext,
  first: PairCandidate,
  second: PairCandidate,
  shownFirst: "a" | "b",
): Promise<Result<PairOrderVerdict>> {
  const { template, redactor, catalog } = ctx;
  const one = judgeView({ ...first, ...refOf(ctx) }, redactor, catalog);
  const two = judgeView({ ...second, ...refOf(ctx) }, redactor, catalog);
  const tasks = [
    ...new Set(
      [one.tasks, two.tasks]
        .flatMap((t) => t.split("\n"))
        .filter((t) => t !== "(none)"),
    ),
  ];
  const answer = await askJudge(ctx.client, {
    messages: [
      { role: "system", content: template.pairSystem },
      {
        role: "user",
        content: fillPromptTemplate(template.pairUser, {
          first: `${one.conversation}\n\nWorkflow:\n${one.workflow}`,
          second: `${two.conversation}\n\nWorkflow:\n${two.workflow}`,
          reference: one.reference,
          tasks: tasks.length === 0 ? "(none)" : tasks.join("\n"),
        }),
      },
    ],
    sampling: {
      temperature: 0,
      seed: ctx.seed,
      response_format: { type: "json_object" },
    },
    read: readPairAnswer,
    repair: (problems) =>
      fillPromptTemplate(template.pairRepair, {
        problems: problems.map((p) => `- ${p}`).join("\n"),
      }),
    maxRepairs: ctx.maxRepairs,
    what: `example ${ctx.input.exampleId}, ${shownFirst === "a" ? "A" : "B"} shown first`,
  });
  if (!answer.ok) return answer;
  const other = shownFirst === "a" ? "b" : "a";
  const { better, rationale } = answer.value;
  return {
    ok: true,
    value: {
      shownFirst,
      preferred:
        better === "tie" ? "tie" : better === "first" ? shownFirst : other,
      preferredPosition: better,
      rationale,
    },
    diagnostics: answer.diagnostics,
  };
}

function refOf(ctx: PairContext): {
  readonly reference?: NonNullable<PairInput["reference"]>;
} {
  return ctx.input.reference === undefined
    ? {}
    : { reference: ctx.input.reference };
}

/** The candidate with `padding` appended to its last assistant message (or as one more). */
export function pad(candidate: PairCandidate, padding: string): PairCandidate {
  const messages = [...candidate.conversation];
  const last = messages.findLastIndex((m) => m.role === "assistant");
  const target = messages[last];
  if (target?.role === "assistant")
    messages[last] = {
      ...target,
      content:
        target.content === "" ? padding : `${target.content}\n\n${padding}`,
    };
  else messages.push({ role: "assistant", content: padding });
  return { ...candidate, conversation: messages };
}
