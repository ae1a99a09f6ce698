import type { Catalog, Compiler } from "@flowpy/transpiler";
import type { Reward } from "../../simulator/reward.js";
import { readWorkflow } from "../../simulator/read-workflow.js";
import type { EvalExample } from "../eval-set/eval-example.js";
import type { AgentRun } from "./agent-loop.js";
import type { ExampleMetrics } from "./example-result.js";
import type { JudgeScore } from "../judge/judge-score.js";

export interface Scoring {
  readonly catalog: Catalog;
  readonly compiler: Compiler;
  readonly reward: Reward;
}

/** The final submission's verdicts against the example: compiles clean, behaves like the reference, declined. */
export function scoreExample(
  example: EvalExample,
  run: AgentRun,
  scoring: Scoring,
): Omit<ExampleMetrics, "judge"> & { readonly finalWorkflow?: string } {
  const final = run.submissions.at(-1);
  const usage = {
    withinTurnLimit: run.stop === "answered" ? 1 : 0,
    turns: run.turns.length,
    latencyMs: run.latencyMs,
    inputTokens: sum(run.turns.map((t) => t.inputTokens)),
    outputTokens: sum(run.turns.map((t) => t.outputTokens)),
    costUsd: sum(run.turns.map((t) => t.costUsd)),
  } as const;
  const compiled =
    final === undefined ? undefined : scoring.compiler.compile(final);
  const finalWorkflow = compiled?.ok === true ? compiled.workflow : undefined;
  const withWorkflow = finalWorkflow === undefined ? {} : { finalWorkflow };
  if (example.shouldDecline === true || example.reference === undefined)
    return {
      ...usage,
      ...withWorkflow,
      syntactic: null,
      equivalent: null,
      executionScore: null,
      declinedCorrectly: run.submissions.length === 0 ? 1 : 0,
    };
  const clean =
    compiled !== undefined &&
    compiled.ok &&
    compiled.diagnostics.every(
      (d) => d.severity !== "error" && d.severity !== "warning",
    );
  const reference = readWorkflow(example.reference);
  const executionScore =
    final === undefined || !reference.ok
      ? 0
      : scoring.reward(
          { prompt: example.messages.join("\n") },
          final,
          reference.value,
        ).executionScore;
  return {
    ...usage,
    ...withWorkflow,
    syntactic: clean ? 1 : 0,
    equivalent: compiled?.ok === true && executionScore === 1 ? 1 : 0,
    executionScore,
    declinedCorrectly: null,
  };
}

/** Judge verdicts as 1/0 per facet; `n/a` facets are left out. */
export function judgeMetrics(
  score: JudgeScore | undefined,
): Readonly<Record<string, 0 | 1>> {
  const out: Record<string, 0 | 1> = {};
  for (const f of score?.facets ?? [])
    if (f.verdict !== "n/a") out[f.facet] = f.verdict === "pass" ? 1 : 0;
  return out;
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}
