import {
  InternalError,
  type Catalog,
  type Compiler,
  type Diagnostic,
  type Result,
} from "@flowpy/transpiler";
import { flowToPython } from "@flowpy/transpiler";
import type { ChatClient } from "../../llm/chat-client.js";
import { sdkCodes } from "../../sdk-codes.js";
import { sha256Hex } from "../../sha256-hex.js";
import { createReward } from "../../simulator/reward.js";
import type { ResolvedToolSet } from "../../tools/resolve-tool-set.js";
import { createToolbox } from "../../tools/toolbox.js";
import type { ToolIndexes } from "../../tools/tool-indexes.js";
import { systemPrompt } from "../../trajectory/system-prompt.js";
import type { EvalExample } from "../eval-set/eval-example.js";
import { quotedPython } from "../eval-set/eval-set-from-rows.js";
import { runAgentLoop, type SamplingSettings } from "./agent-loop.js";
import type { ExampleResult } from "./example-result.js";
import { exampleSliceTags } from "./example-slice-tags.js";
import type { Judge } from "../judge/judge-score.js";
import { openResultStore, type ResultStore } from "./result-store.js";
import { summarizeRun, type RunSummary } from "./run-summary.js";
import { judgeMetrics, scoreExample, type Scoring } from "./score-example.js";

export interface BenchmarkEnvironment {
  readonly catalog: Catalog;
  /** The transpiler's compiler made for `catalog`: the toolbox's and the metrics' verdicts. */
  readonly compiler: Compiler;
  readonly toolSet: ResolvedToolSet;
  readonly indexes?: ToolIndexes;
}

export interface BenchmarkOptions {
  readonly examples: readonly EvalExample[];
  /** The served model; its retries, timeouts and concurrency limit apply to every request. */
  readonly client: ChatClient;
  readonly environment: BenchmarkEnvironment;
  /** Most model answers per example (12 by default). */
  readonly turnLimit?: number;
  /** Examples in flight at once (4 by default). */
  readonly concurrency?: number;
  readonly sampling?: SamplingSettings;
  readonly judge?: Judge;
  /** The DuckDB file finished examples are kept in; a run with the same settings resumes from it. */
  readonly storePath?: string;
  /** Seed of the simulator's events (0 by default). */
  readonly seed?: number;
  readonly signal?: AbortSignal;
  /** Called as each example finishes (fresh or from the store), in finishing order. */
  readonly onExample?: (
    result: ExampleResult,
    done: number,
    total: number,
  ) => void;
}

export interface BenchmarkRun {
  /** sha256 of the settings that decide the results (eval set, model, tools, prompt, limits). */
  readonly runId: string;
  readonly model: string;
  readonly evalSetSha256: string;
  readonly toolSetHash: string;
  readonly systemPromptVersion: string;
  readonly turnLimit: number;
  readonly judge?: string;
  /** In eval-set order, whatever order they finished in. */
  readonly examples: readonly ExampleResult[];
  /** Examples taken from the store rather than run again. */
  readonly resumed: number;
  readonly summary: RunSummary;
}

/**
 * Runs a served model through the production agent loop on every example and scores it:
 * syntactic correctness, execution equivalence to the reference, declining, judge facets,
 * turns, latency, tokens and cost. Finished examples go to the store as they finish, so an
 * interrupted run started again with the same settings runs only the rest and ends with the
 * same results. Examples whose requests failed (after the client's retries) are reported
 * with status `error`, count as failed, and are not stored, so a later run retries them.
 */
export async function runBenchmark(
  options: BenchmarkOptions,
): Promise<Result<BenchmarkRun>> {
  const turnLimit = options.turnLimit ?? 12;
  const concurrency = options.concurrency ?? 4;
  if (!(Number.isSafeInteger(turnLimit) && turnLimit >= 1))
    return fail(
      sdkCodes.evalRunInvalidOptions,
      "turnLimit must be a whole number of at least 1",
    );
  if (!(Number.isSafeInteger(concurrency) && concurrency >= 1))
    return fail(
      sdkCodes.evalRunInvalidOptions,
      "concurrency must be a whole number of at least 1",
    );
  const ids = new Set(options.examples.map((e) => e.id));
  if (ids.size !== options.examples.length)
    return fail(
      sdkCodes.evalRunInvalidOptions,
      "two examples of the eval set have the same id",
    );
  if (options.examples.length === 0)
    return fail(sdkCodes.evalRunEmptyEvalSet, "the eval set has no example");
  const { environment: env } = options;
  const prompt = systemPrompt(env.toolSet);
  const evalSetSha256 = sha256Hex(
    options.examples.map((e) => JSON.stringify(e)).join("\n"),
  );
  const runId = sha256Hex(
    JSON.stringify({
      evalSetSha256,
      model: options.client.model,
      toolSet: env.toolSet.hash,
      systemPrompt: prompt.version,
      turnLimit,
      sampling: options.sampling ?? null,
      judge: options.judge?.id ?? null,
      seed: options.seed ?? 0,
    }),
  );
  const opened = await openResultStore(options.storePath ?? ":memory:");
  if (!opened.ok) return opened;
  const store = opened.value;
  try {
    return await runWith(options, {
      store,
      runId,
      evalSetSha256,
      turnLimit,
      concurrency,
      systemPromptText: prompt.text,
      systemPromptVersion: prompt.version,
    });
  } finally {
    store.close();
  }
}

interface RunContext {
  readonly store: ResultStore;
  readonly runId: string;
  readonly evalSetSha256: string;
  readonly turnLimit: number;
  readonly concurrency: number;
  readonly systemPromptText: string;
  readonly systemPromptVersion: string;
}

async function runWith(
  options: BenchmarkOptions,
  ctx: RunContext,
): Promise<Result<BenchmarkRun>> {
  const env = options.environment;
  const scoring: Scoring = {
    catalog: env.catalog,
    compiler: env.compiler,
    reward: createReward({
      catalog: env.catalog,
      compile: env.compiler,
      seed: options.seed ?? 0,
    }),
  };
  const finished = await ctx.store.finished(ctx.runId);
  const results = new Map<string, ExampleResult>();
  const total = options.examples.length;
  let resumed = 0;
  for (const e of options.examples) {
    const stored = finished.get(e.id);
    if (stored === undefined) continue;
    // Tagged again rather than trusted: a store written before slices has no tags.
    const result = {
      ...stored,
      sliceTags: exampleSliceTags(e, stored.finalPython, env),
    };
    results.set(e.id, result);
    resumed++;
    options.onExample?.(result, results.size, total);
  }
  const pending = options.examples.filter((e) => !results.has(e.id));
  let next = 0;
  const aborted = (): boolean => options.signal?.aborted === true;
  const worker = async (): Promise<void> => {
    while (next < pending.length && !aborted()) {
      const example = pending[next++];
      if (example === undefined) return;
      const result = await runExample(example, options, ctx, scoring);
      // A request cut short by the abort is no answer of the model: not a result.
      if (aborted() && result.status === "error") return;
      if (result.status === "completed")
        await ctx.store.save(ctx.runId, result);
      results.set(example.id, result);
      options.onExample?.(result, results.size, total);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(ctx.concurrency, pending.length) }, worker),
  );
  if (aborted())
    return fail(
      sdkCodes.evalRunAborted,
      `the run was cancelled with ${[...results.values()].filter((r) => r.status === "completed").length} of ${total} examples finished; run it again to resume`,
    );
  const examples = options.examples.map((e) => {
    const r = results.get(e.id);
    if (r === undefined)
      throw new InternalError(`example ${e.id} has no result`);
    return r;
  });
  const errors = examples.filter((r) => r.status === "error");
  if (errors.length === examples.length) {
    const first = errors[0]?.diagnostics.find((d) => d.severity === "error");
    return fail(
      sdkCodes.evalRunEndpointFailed,
      `every example failed; the first: ${first === undefined ? "unknown" : `${first.code}: ${first.message}`}`,
    );
  }
  const { summary, diagnostics } = summarizeRun(examples);
  const warnings: Diagnostic[] = [...diagnostics];
  if (errors.length > 0)
    warnings.push({
      code: sdkCodes.evalRunExampleFailed,
      severity: "warning",
      message: `${errors.length} of ${total} examples failed and count as wrong: ${errors
        .slice(0, 3)
        .map(
          (r) =>
            `${r.exampleId} (${r.diagnostics.find((d) => d.severity === "error")?.code ?? "?"})`,
        )
        .join(", ")}${errors.length > 3 ? ", …" : ""}`,
    });
  return {
    ok: true,
    value: {
      runId: ctx.runId,
      model: options.client.model,
      evalSetSha256: ctx.evalSetSha256,
      toolSetHash: env.toolSet.hash,
      systemPromptVersion: ctx.systemPromptVersion,
      turnLimit: ctx.turnLimit,
      ...(options.judge === undefined ? {} : { judge: options.judge.id }),
      examples,
      resumed,
      summary,
    },
    diagnostics: warnings,
  };
}

async function runExample(
  example: EvalExample,
  options: BenchmarkOptions,
  ctx: RunContext,
  scoring: Scoring,
): Promise<ExampleResult> {
  const env = options.environment;
  const toolbox = createToolbox({
    toolSet: env.toolSet,
    catalog: env.catalog,
    compiler: env.compiler,
    ...(example.shop === undefined ? {} : { shop: example.shop }),
    ...(env.indexes === undefined ? {} : { indexes: env.indexes }),
  });
  const run = await runAgentLoop({
    client: options.client,
    toolbox,
    systemPrompt: ctx.systemPromptText,
    userMessages: userMessages(example),
    turnLimit: ctx.turnLimit,
    ...(options.sampling === undefined ? {} : { sampling: options.sampling }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const finalPython = run.ok ? run.value.submissions.at(-1) : undefined;
  const base = {
    exampleId: example.id,
    kind: example.kind,
    tags: example.tags,
    sliceTags: exampleSliceTags(example, finalPython, env),
  };
  if (!run.ok)
    return {
      ...base,
      status: "error",
      stop: "error",
      metrics: {
        syntactic: example.shouldDecline === true ? null : 0,
        equivalent: example.shouldDecline === true ? null : 0,
        executionScore: example.shouldDecline === true ? null : 0,
        declinedCorrectly: example.shouldDecline === true ? 0 : null,
        withinTurnLimit: 0,
        turns: 0,
        latencyMs: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        judge: {},
      },
      submissions: 0,
      turns: [],
      messages: [],
      diagnostics: run.diagnostics,
    };
  const { finalWorkflow, ...metrics } = scoreExample(
    example,
    run.value,
    scoring,
  );
  const diagnostics: Diagnostic[] = [...run.diagnostics];
  let judged: ExampleResult["judge"];
  if (options.judge !== undefined) {
    const score = await options.judge.score({
      exampleId: example.id,
      conversation: run.value.messages,
      ...(finalWorkflow === undefined ? {} : { finalWorkflow }),
      reference:
        example.shouldDecline === true
          ? { shouldDecline: true }
          : example.reference === undefined
            ? {}
            : { workflow: example.reference },
    });
    diagnostics.push(...score.diagnostics);
    if (score.ok) judged = score.value;
  }
  return {
    ...base,
    status: "completed",
    stop: run.value.stop,
    metrics: { ...metrics, judge: judgeMetrics(judged) },
    submissions: run.value.submissions.length,
    ...(finalPython === undefined ? {} : { finalPython }),
    turns: run.value.turns,
    messages: run.value.messages,
    ...(judged === undefined ? {} : { judge: judged }),
    diagnostics,
  };
}

/** The merchant's messages; an edit's first quotes the current workflow as Python unless it already does. */
function userMessages(example: EvalExample): readonly string[] {
  const [first, ...rest] = example.messages;
  if (
    example.currentWorkflow === undefined ||
    first === undefined ||
    quotedPython(first) !== undefined
  )
    return example.messages;
  const printed = flowToPython(example.currentWorkflow);
  if (!printed.ok) return example.messages;
  return [
    `${first}\n\nThis is the workflow now:\n\n\`\`\`python\n${printed.value.python}\`\`\``,
    ...rest,
  ];
}

function fail<T>(code: string, message: string): Result<T> {
  return { ok: false, diagnostics: [{ code, severity: "error", message }] };
}
