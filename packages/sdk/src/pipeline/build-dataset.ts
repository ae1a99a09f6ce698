import { createHash } from "node:crypto";
import { createReadStream, existsSync, mkdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { DuckDBValue } from "@duckdb/node-api";
import {
  InternalError,
  checkFlowRoundTrip,
  findWorkflowFiles,
  type Diagnostic,
  type Result,
} from "@flowpy/transpiler";
import { cardTally } from "../dataset/dataset-card.js";
import type { DatasetCardData, RejectedRow } from "../dataset/dataset-card.js";
import type { DatasetRow } from "../dataset/dataset-row.js";
import { serializeRow } from "../dataset/dataset-row.js";
import { createRowBuilder, type RowBuilder } from "../dataset/row-builder.js";
import { sdkCodes } from "../sdk-codes.js";
import { sha256Hex } from "../sha256-hex.js";
import {
  openDatasetStore,
  type DatasetStore,
  type StoreRow,
} from "../store/dataset-store.js";
import { codeUnitKey } from "../store/code-unit-key.js";
import { seededIndex } from "../trajectory/seeded-choice.js";
import {
  atomicWriter,
  commitTemp,
  removeStaleTemps,
  tempPath,
  writeFileAtomic,
} from "./atomic-file.js";
import { garbageCollector } from "./garbage-collector.js";
import { shuffledSplits } from "./shuffled-splits.js";
import {
  assignSplits,
  splitNames,
  type Split,
} from "../dedup/assign-splits.js";
import {
  contaminationReport,
  type ContaminationItem,
  type ContaminationReport,
} from "../dedup/contamination-report.js";
import { workflowKeys } from "../dedup/workflow-keys.js";
import { offlineRequestSynthesizer } from "../requests/offline-request-synthesizer.js";
import { requestStyles, type RequestStyle } from "../requests/request-style.js";
import type { RequestSynthesizer } from "../requests/synthesized-request.js";
import { createChatClient, type ChatClient } from "../llm/chat-client.js";
import {
  costOf,
  type LlmUsage,
  type ModelPricing,
} from "../llm/usage-ledger.js";
import { llmRequestSynthesizer } from "../requests/llm-request-synthesizer.js";
import { defaultRequestPromptVersion } from "../requests/request-prompt.js";
import { corpusRecords } from "../records/corpus-records.js";
import { formatQuarantineEntry } from "../records/quarantine-entry.js";
import {
  readWorkflowRecords,
  type RecordOutcome,
} from "../records/read-workflow-records.js";
import type { WorkflowRecord } from "../records/workflow-record.js";
import { createRedactor, type Redactor } from "../redact/create-redactor.js";
import type { Allocation } from "../sampling/allocate-quotas.js";
import {
  sampleWorkflowPicks,
  sampleWorkflows,
  type SamplingRules,
} from "../sampling/sample-workflows.js";
import type { WorkflowTagKey } from "../tags/workflow-tags.js";

export const pipelineStages = [
  "ingest",
  "sample",
  "items",
  "dedup",
  "splits",
  "requests",
  "rows",
  "export",
] as const;
export type PipelineStage = (typeof pipelineStages)[number];

/** The LLM request writer's settings; only redacted workflow text ever reaches it. */
export interface LlmWriterOptions {
  readonly baseUrl: string;
  readonly model: string;
  /** Name of the environment variable holding the API key (never the key itself). */
  readonly apiKeyEnv?: string;
  /** Hard budget in US dollars for the whole run (all resumes together); reaching it stops the run, resumable. */
  readonly budgetUsd?: number;
  /** Hard budget in input plus output tokens for the whole run, like `budgetUsd`. */
  readonly budgetTokens?: number;
  /** Prices of the model; without them every cost is 0 (and `budgetUsd` is refused). */
  readonly pricing?: ModelPricing;
  readonly concurrency?: number;
  /** The content-addressed answer cache; `<out>/.flowpy-llm-cache` by default. */
  readonly cacheDir?: string;
  /** Retries after the first attempt (the client's default, 4, when absent). */
  readonly maxRetries?: number;
  /** Per attempt (the client's default when absent). */
  readonly timeoutMs?: number;
  /** First backoff delay in milliseconds (the client's default when absent). */
  readonly backoffBaseMs?: number;
}

/**
 * Which sampled workflows go on (`sampleWorkflows`). Defaults keep every readable workflow:
 * the run-recency filter applies only when `ranWithinDays` is given (it needs `now`, never
 * the clock, and run statistics: a folder of workflow documents has none, so it is refused
 * there rather than silently dropping every workflow).
 */
export interface PipelineSamplingOptions {
  readonly now?: string;
  readonly ranWithinDays?: number;
  readonly minQualifyingPerMerchant?: number;
  readonly maxPerMerchant?: number;
  readonly target?: number;
  readonly stratifyBy?: readonly WorkflowTagKey[];
  readonly allocation?: Allocation;
}

export interface BuildDatasetOptions {
  /** A JSONL or Parquet file of workflow records, or a folder of workflow documents. */
  readonly input: string;
  /** Folder for the dataset files (created when absent). */
  readonly out: string;
  readonly seed?: number;
  /** Request styles per workflow; all four by default. */
  readonly styles?: readonly RequestStyle[];
  /** Train/eval/test shares; 0.8/0.1/0.1 by default. */
  readonly ratios?: Readonly<Record<Split, number>>;
  /** Dataset name (card title, dataset version name); `flowpy-dataset` by default. */
  readonly name?: string;
  readonly enableThinking?: boolean;
  /** The DuckDB store; `<out>/.flowpy-store.duckdb` by default. */
  readonly store?: string;
  /** Workflows to check the dataset against for contamination (same kinds of input). */
  readonly evalSet?: string;
  /** Writes requests with an LLM instead of the offline writer. */
  readonly llm?: LlmWriterOptions;
  readonly sampling?: PipelineSamplingOptions;
  /**
   * Keys the redaction placeholders (same secret + salt → same placeholder); `flowpy-<seed>`
   * by default. Only its sha256 is stored.
   */
  readonly salt?: string;
  /** Workflows per committed batch (smaller: less work lost to a kill). */
  readonly batchSize?: number;
  /** Estimate requests, tokens and cost without writing or calling anything. */
  readonly dryRun?: boolean;
  readonly onProgress?: (progress: PipelineProgress) => void;
}

export interface PipelineProgress {
  readonly stage: PipelineStage;
  readonly done: number;
  /** Known for every stage after ingest. */
  readonly total: number | null;
  /** LLM spend of the run so far (0 with the offline writer). */
  readonly costUsd: number;
}

export interface ExportedFile {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface DatasetBuildSummary {
  readonly runId: string;
  /** `budget_exhausted`: stopped cleanly; the same command with a higher budget resumes. */
  readonly status: "done" | "budget_exhausted" | "dry_run";
  /** The run was already complete and its files intact: nothing was done. */
  readonly noOp: boolean;
  readonly records: number;
  readonly quarantined: number;
  readonly sampled: number;
  readonly rejectedItems: number;
  readonly duplicates: number;
  readonly requests: number;
  readonly rejectedRows: number;
  readonly rows: Readonly<Record<Split, number>>;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  readonly files: readonly ExportedFile[];
  readonly version: { readonly name: string; readonly version: number } | null;
  /**
   * What the LLM client did in this invocation (absent with the offline writer): answers
   * from the server and from the cache, HTTP attempts and retries, failed calls. The run's
   * total spend across resumes is `inputTokens`/`outputTokens`/`costUsd`.
   */
  readonly llm?: {
    readonly freshAnswers: number;
    readonly cachedAnswers: number;
    readonly attempts: number;
    readonly retries: number;
    readonly failed: number;
  };
  /** Dry run only: what building would ask of the request writer. */
  readonly estimate?: {
    readonly requests: number;
    readonly inputTokens: number;
    readonly outputTokens: number;
    readonly costUsd: number;
  };
}

const DEFAULT_RATIOS: Readonly<Record<Split, number>> = {
  train: 0.8,
  eval: 0.1,
  test: 0.1,
};

function fail(code: string, message: string): Result<never> {
  const d: Diagnostic = { code, severity: "error", message };
  return { ok: false, diagnostics: [d] };
}

function num(row: StoreRow | undefined, key: string): number {
  return Number(row?.[key] ?? 0);
}

function str(row: StoreRow | undefined, key: string): string {
  const v = row?.[key];
  return typeof v === "string" ? v : "";
}

/** Records of any supported input, with 1-based record numbers. */
function inputRecords(path: string): AsyncIterable<RecordOutcome> {
  return statSync(path).isDirectory()
    ? corpusRecords(path)
    : readWorkflowRecords(path);
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path))
    hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** A content hash of the input: the file's bytes, or each workflow file's path and bytes. */
async function inputSha256(path: string): Promise<string> {
  if (!statSync(path).isDirectory()) return fileSha256(path);
  const hash = createHash("sha256");
  for (const file of findWorkflowFiles(path) ?? []) {
    hash.update(`${file.slice(path.length)}\u0000`);
    hash.update(await readFile(file));
    hash.update("\u0000");
  }
  return hash.digest("hex");
}

interface RunConfig {
  readonly format: "flowpy-pipeline/1";
  readonly input_sha256: string;
  readonly seed: number;
  readonly styles: readonly RequestStyle[];
  readonly ratios: Readonly<Record<Split, number>>;
  readonly name: string;
  readonly enable_thinking: boolean;
  readonly writer: string;
  readonly prompt_version: string | null;
  readonly eval_set_sha256: string | null;
  readonly sampling: PipelineSamplingOptions;
  readonly salt_sha256: string;
}

function validate(options: BuildDatasetOptions): Result<true> {
  const bad = (m: string) => fail(sdkCodes.pipelineInvalidOption, m);
  if (!existsSync(options.input))
    return fail(
      sdkCodes.pipelineInputUnreadable,
      `no such file or folder: ${options.input}`,
    );
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0)
    return bad(`the seed must be a whole number ≥ 0, got ${seed}`);
  const styles = options.styles ?? requestStyles;
  if (styles.length === 0) return bad("at least one request style is needed");
  for (const s of styles)
    if (!(requestStyles as readonly string[]).includes(s))
      return bad(
        `unknown request style ${JSON.stringify(s)} (known: ${requestStyles.join(", ")})`,
      );
  const ratios = options.ratios ?? DEFAULT_RATIOS;
  if (
    splitNames.some((s) => !(ratios[s] >= 0)) ||
    splitNames.reduce((a, s) => a + ratios[s], 0) <= 0
  )
    return bad("split ratios must be ≥ 0 and not all 0");
  const batch = options.batchSize ?? 64;
  if (!Number.isSafeInteger(batch) || batch < 1)
    return bad(`the batch size must be a whole number ≥ 1, got ${batch}`);
  const sampling = options.sampling ?? {};
  if (sampling.now !== undefined && !isIsoTime(sampling.now))
    return bad(
      `sampling.now must be an ISO 8601 time with an offset (e.g. 2026-01-31T00:00:00Z), got ${JSON.stringify(sampling.now)}`,
    );
  if (sampling.ranWithinDays !== undefined) {
    if (!(sampling.ranWithinDays >= 0))
      return bad(
        `sampling.ranWithinDays must be ≥ 0, got ${sampling.ranWithinDays}`,
      );
    if (sampling.now === undefined)
      return bad(
        "sampling.ranWithinDays needs sampling.now (the reference time; the clock is never read)",
      );
    if (statSync(options.input).isDirectory())
      return bad(
        "sampling.ranWithinDays needs run statistics, and a folder of workflow documents has none (it would remove every workflow)",
      );
  }
  for (const key of [
    "minQualifyingPerMerchant",
    "maxPerMerchant",
    "target",
  ] as const) {
    const v = sampling[key];
    if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0))
      return bad(`sampling.${key} must be a whole number ≥ 0, got ${v}`);
  }
  const llm = options.llm;
  if (llm !== undefined) {
    if (llm.budgetUsd !== undefined && !(llm.budgetUsd >= 0))
      return bad(`llm.budgetUsd must be ≥ 0, got ${llm.budgetUsd}`);
    if (llm.budgetUsd !== undefined && llm.pricing === undefined)
      return bad(
        "llm.budgetUsd needs the model's prices (llm.pricing): without them every answer costs $0",
      );
    if (
      llm.budgetTokens !== undefined &&
      !(Number.isSafeInteger(llm.budgetTokens) && llm.budgetTokens >= 0)
    )
      return bad(
        `llm.budgetTokens must be a whole number ≥ 0, got ${llm.budgetTokens}`,
      );
    if (
      llm.concurrency !== undefined &&
      !(Number.isSafeInteger(llm.concurrency) && llm.concurrency >= 1)
    )
      return bad(
        `llm.concurrency must be a whole number ≥ 1, got ${llm.concurrency}`,
      );
    if (llm.apiKeyEnv !== undefined && process.env[llm.apiKeyEnv] === undefined)
      return bad(`the environment variable ${llm.apiKeyEnv} is not set`);
  }
  if (options.evalSet !== undefined && !existsSync(options.evalSet))
    return fail(
      sdkCodes.pipelineEvalSetUnreadable,
      `no such file or folder: ${options.evalSet}`,
    );
  return { ok: true, value: true, diagnostics: [] };
}

function isIsoTime(text: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(
      text,
    ) && Number.isFinite(Date.parse(text))
  );
}

/** The run's sampling rules: the given options, the run's seed, and `now` only when needed. */
function samplingRules(options: BuildDatasetOptions): SamplingRules {
  const s = options.sampling ?? {};
  return {
    // `now` only matters to the recency filter, which requires it (see `validate`).
    now: s.now ?? "1970-01-01T00:00:00Z",
    seed: options.seed ?? 0,
    ...(s.ranWithinDays === undefined
      ? {}
      : { ranWithinDays: s.ranWithinDays }),
    ...(s.minQualifyingPerMerchant === undefined
      ? {}
      : { minQualifyingPerMerchant: s.minQualifyingPerMerchant }),
    ...(s.maxPerMerchant === undefined
      ? {}
      : { maxPerMerchant: s.maxPerMerchant }),
    ...(s.target === undefined ? {} : { target: s.target }),
    ...(s.stratifyBy === undefined ? {} : { stratifyBy: s.stratifyBy }),
    ...(s.allocation === undefined ? {} : { allocation: s.allocation }),
  };
}

function runSalt(options: BuildDatasetOptions): string {
  return options.salt ?? `flowpy-${options.seed ?? 0}`;
}

/**
 * Who writes the requests (part of the run's identity): `offline` or `llm:<model>`. The
 * server's address, budget and concurrency are not: a resume may change them.
 */
function writerId(options: BuildDatasetOptions): string {
  return options.llm === undefined ? "offline" : `llm:${options.llm.model}`;
}

/** The LLM client of one invocation; its budget is what the run has left of the whole. */
function llmClient(
  llm: LlmWriterOptions,
  out: string,
  spent: { readonly tokens: number; readonly costUsd: number },
): ChatClient {
  const apiKey =
    llm.apiKeyEnv === undefined ? undefined : process.env[llm.apiKeyEnv];
  return createChatClient({
    baseUrl: llm.baseUrl,
    model: llm.model,
    cacheDir: llm.cacheDir ?? join(out, ".flowpy-llm-cache"),
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(llm.concurrency === undefined ? {} : { concurrency: llm.concurrency }),
    ...(llm.maxRetries === undefined ? {} : { maxRetries: llm.maxRetries }),
    ...(llm.timeoutMs === undefined ? {} : { timeoutMs: llm.timeoutMs }),
    ...(llm.backoffBaseMs === undefined
      ? {}
      : { backoff: { initialMs: llm.backoffBaseMs } }),
    ...(llm.pricing === undefined ? {} : { pricing: llm.pricing }),
    ...(llm.budgetUsd === undefined && llm.budgetTokens === undefined
      ? {}
      : {
          budget: {
            ...(llm.budgetUsd === undefined
              ? {}
              : { maxCostUsd: Math.max(0, llm.budgetUsd - spent.costUsd) }),
            ...(llm.budgetTokens === undefined
              ? {}
              : { maxTokens: Math.max(0, llm.budgetTokens - spent.tokens) }),
          },
        }),
  });
}

/** The request writer: offline by default, the LLM writer when configured. */
function requestSynthesizer(
  builder: RowBuilder,
  client: ChatClient | undefined,
): RequestSynthesizer {
  if (client !== undefined)
    return llmRequestSynthesizer(client, { catalog: builder.env.catalog });
  return offlineRequestSynthesizer({
    catalog: builder.env.catalog,
    ...(builder.env.indexes === undefined
      ? {}
      : { indexes: builder.env.indexes }),
  });
}

/**
 * Builds a training dataset from workflow records: read (bad records quarantined with their
 * record number) → sample → redact (a workflow that no longer round-trips is rejected) →
 * exact dedup and structural fingerprint → grouped splits → requests per workflow and style
 * → trajectory and row → JSONL and Parquet per split, card, report, dataset version and
 * lineage. All state lives in the DuckDB store and every batch commits in one transaction
 * with its progress mark, so a run killed at any point and restarted with the same options
 * finishes with byte-identical files; a finished run re-run is a no-op. Memory is bounded by
 * the batch size, not the input: every stage reads and writes the store a batch at a time,
 * sorts happen in DuckDB (capped below) and the export sorts only the shuffle keys, then
 * reads the rows a batch at a time in storage order into a spill file it reads back in
 * order (`shuffledSplits`); the garbage of past batches, JavaScript and native, is
 * collected every few batches (`garbageCollector`) rather than whenever V8 would, which on
 * a long run is late, and DuckDB's cache is capped small (`STORE_MEMORY_LIMIT`). What
 * still grows with the input, and why it is small: the split assignment (one entry per
 * distinct merchant and fingerprint pair), the card's rejected list (card.json lists every
 * rejection anyway), token lengths (8 bytes a row, for exact percentiles) and the export's
 * spill offsets (16 bytes a row), and with an eval set the train items' keys for the
 * contamination report. On disk, the export holds one more copy of the rows (the spill
 * file) until the JSONL files are written.
 */
export async function buildDataset(
  options: BuildDatasetOptions,
): Promise<Result<DatasetBuildSummary>> {
  const valid = validate(options);
  if (!valid.ok) return valid;
  // Set before the tools load (the budget left depends on the run's spend so far).
  let client: ChatClient | undefined;
  // Loading the compiler and tokenizer takes seconds: only when there is work to do.
  let tools: Promise<PipelineTools> | undefined;
  const loadTools = (): Promise<PipelineTools> =>
    (tools ??= createRowBuilder({
      enableThinking: options.enableThinking ?? true,
    }).then((builder) => ({
      builder,
      synth: requestSynthesizer(builder, client),
    })));
  if (options.dryRun === true) {
    if (options.llm !== undefined)
      client = llmClient(options.llm, options.out, { tokens: 0, costUsd: 0 });
    return dryRun(options, (await loadTools()).synth);
  }
  const config: RunConfig = {
    format: "flowpy-pipeline/1",
    input_sha256: await inputSha256(options.input),
    seed: options.seed ?? 0,
    styles: [...(options.styles ?? requestStyles)],
    ratios: options.ratios ?? DEFAULT_RATIOS,
    name: options.name ?? "flowpy-dataset",
    enable_thinking: options.enableThinking ?? true,
    writer: writerId(options),
    prompt_version:
      options.llm === undefined ? null : defaultRequestPromptVersion,
    sampling: options.sampling ?? {},
    salt_sha256: sha256Hex(runSalt(options)),
    eval_set_sha256:
      options.evalSet === undefined ? null : await inputSha256(options.evalSet),
  };
  const configJson = JSON.stringify(config);
  const runId = sha256Hex(configJson);
  try {
    mkdirSync(options.out, { recursive: true });
    removeStaleTemps(options.out);
  } catch (e) {
    return fail(
      sdkCodes.pipelineOutputUnwritable,
      `cannot write to ${options.out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    );
  }
  const opened = await openDatasetStore(
    options.store ?? join(options.out, ".flowpy-store.duckdb"),
    { memoryLimit: STORE_MEMORY_LIMIT },
  );
  if (!opened.ok) return opened;
  const store = opened.value;
  try {
    if (options.llm !== undefined) {
      const [spent] = await store.all(
        "SELECT input_tokens + output_tokens AS tokens, cost_usd FROM runs WHERE run_id = ?",
        [runId],
      );
      client = llmClient(options.llm, options.out, {
        tokens: num(spent, "tokens"),
        costUsd: num(spent, "cost_usd"),
      });
    }
    const run: PipelineRun = {
      store,
      runId,
      config,
      options,
      tools: loadTools,
      batch: options.batchSize ?? 64,
      client,
      redactor: createRedactor({ salt: runSalt(options) }),
      released: garbageCollector(GC_EVERY_BYTES),
    };
    const done = await execute(run, configJson);
    if (!done.ok || client === undefined) return done;
    return {
      ...done,
      value: { ...done.value, llm: llmActivity(client.usage()) },
    };
  } finally {
    store.close();
  }
}

function llmActivity(u: LlmUsage): NonNullable<DatasetBuildSummary["llm"]> {
  return {
    freshAnswers: u.fresh.requests,
    cachedAnswers: u.cached.requests,
    attempts: u.attempts,
    retries: u.retries,
    failed: u.failed,
  };
}

/**
 * DuckDB's share of the pipeline's flat memory. DuckDB keeps every block it has read or
 * written cached up to its limit, and the rows table outgrows any limit, so the cache is
 * always full on a long run: the limit is what DuckDB holds, and a small one keeps a short
 * run and a long one alike. Batches are small and sorts and joins spill to `<store>.tmp`,
 * so a small limit costs little time; only the Parquet writer needs more (below).
 */
const STORE_MEMORY_LIMIT = "160MB";

/**
 * The limit while a split is written as Parquet, and only then: the writer holds row groups
 * of wide rows and fails below ~400 MB; it needs about the same for any file size (measured:
 * ~530 MB for a 120 MB and a 360 MB JSONL file).
 */
const PARQUET_MEMORY_LIMIT = "512MB";

interface PipelineTools {
  readonly builder: RowBuilder;
  readonly synth: RequestSynthesizer;
}

interface PipelineRun {
  readonly store: DatasetStore;
  readonly runId: string;
  readonly config: RunConfig;
  readonly options: BuildDatasetOptions;
  readonly tools: () => Promise<PipelineTools>;
  readonly batch: number;
  readonly client: ChatClient | undefined;
  readonly redactor: Redactor;
  /**
   * Reports the bytes of text a batch read from the store and let go; collects garbage
   * every `GC_EVERY_BYTES` (see `garbageCollector` for why the pipeline must).
   */
  readonly released: (bytes: number) => void;
}

/** About three batches of 256 rows: the garbage, JS and native, stays around this size. */
const GC_EVERY_BYTES = 32 * 2 ** 20;

/** The bytes of the given string columns of a page read from the store (UTF-16 units). */
function textBytes(rows: readonly StoreRow[], ...keys: string[]): number {
  let n = 0;
  for (const r of rows) for (const k of keys) n += str(r, k).length;
  return n;
}

interface StageState {
  readonly progress: number;
  readonly done: boolean;
  readonly report: string | null;
}

async function stageState(
  run: PipelineRun,
  stage: PipelineStage,
): Promise<StageState> {
  const [row] = await run.store.all(
    "SELECT progress, done, report_json FROM stages WHERE run_id = ? AND stage = ?",
    [run.runId, stage],
  );
  return row === undefined
    ? { progress: 0, done: false, report: null }
    : {
        progress: num(row, "progress"),
        done: row["done"] === true,
        report:
          typeof row["report_json"] === "string" ? row["report_json"] : null,
      };
}

/** Records a stage's progress; call inside the transaction that commits the batch's data. */
async function mark(
  run: PipelineRun,
  stage: PipelineStage,
  progress: number,
  done: boolean,
  report: string | null = null,
): Promise<void> {
  await run.store.run("INSERT OR REPLACE INTO stages VALUES (?, ?, ?, ?, ?)", [
    run.runId,
    stage,
    progress,
    done,
    report,
  ]);
}

async function execute(
  run: PipelineRun,
  configJson: string,
): Promise<Result<DatasetBuildSummary>> {
  const { store, runId } = run;
  const [existing] = await store.all(
    "SELECT status FROM runs WHERE run_id = ?",
    [runId],
  );
  if (existing === undefined)
    await store.run(
      "INSERT INTO runs (run_id, config_json, seed, status) VALUES (?, ?, ?, 'running')",
      [runId, configJson, run.config.seed],
    );
  else if (str(existing, "status") === "done") {
    if (await filesIntact(run))
      return { ok: true, value: await summary(run, true), diagnostics: [] };
    // The files were removed or changed since: export again (the same bytes).
    await store.run(
      "UPDATE stages SET done = false WHERE run_id = ? AND stage = 'export'",
      [runId],
    );
  }
  await store.run("UPDATE runs SET status = 'running' WHERE run_id = ?", [
    runId,
  ]);
  const unreadable = await ingest(run);
  if (unreadable !== undefined) return { ok: false, diagnostics: [unreadable] };
  const sampled = await sample(run);
  if (sampled.length > 0) return { ok: false, diagnostics: sampled };
  await items(run);
  await dedup(run);
  await assignItemSplits(run);
  const requests = await writeRequests(run);
  if (requests === "budget_exhausted") {
    await store.run(
      "UPDATE runs SET status = 'budget_exhausted' WHERE run_id = ?",
      [runId],
    );
    return {
      ok: true,
      value: await summary(run, false, "budget_exhausted"),
      diagnostics: [],
    };
  }
  await buildRows(run);
  await exportDataset(run);
  return { ok: true, value: await summary(run, false), diagnostics: [] };
}

function progress(
  run: PipelineRun,
  stage: PipelineStage,
  done: number,
  total: number | null,
  costUsd = 0,
): void {
  run.options.onProgress?.({ stage, done, total, costUsd });
}

// ingest: the input manifest and the quarantine ---------------------------------------

/**
 * Stores every record: good ones in the manifest, bad ones in the quarantine with their
 * quarantine-file line. The bad record's text is merchant data that failed to parse, so it
 * is redacted as free text (and so are the messages quoting it) before it is stored: the
 * quarantine keeps what is needed to find and fix the record, never a secret. Returns the
 * diagnostic of a source that cannot be read at all.
 */
async function ingest(run: PipelineRun): Promise<Diagnostic | undefined> {
  const state = await stageState(run, "ingest");
  if (state.done) return undefined;
  progress(run, "ingest", 0, null);
  const { store, runId } = run;
  let pending: RecordOutcome[] = [];
  let last = state.progress;
  const flush = async (done: boolean) => {
    const batch = pending;
    pending = [];
    const records: DuckDBValue[][] = [];
    const quarantined: DuckDBValue[][] = [];
    for (const r of batch) {
      if (r.ok)
        records.push([
          runId,
          r.index,
          r.record.workflow_id,
          r.record.merchant_id,
          r.record.workflow,
          r.record.last_run_at,
          JSON.stringify(r.record),
        ]);
      else {
        const safe = redactedOutcome(run.redactor, r);
        quarantined.push([
          runId,
          r.index,
          safe.diagnostics[0]?.code ?? sdkCodes.pipelineRecordInvalid,
          safe.diagnostics.map(diagnosticText).join("; "),
          safe.raw,
          formatQuarantineEntry(safe),
        ]);
      }
    }
    await store.transaction(async () => {
      await store.insert("records", records);
      await store.insert("quarantine", quarantined);
      await mark(run, "ingest", last, done);
    });
    progress(run, "ingest", last, null);
  };
  for await (const r of inputRecords(run.options.input)) {
    if (r.index === 0 && !r.ok)
      return (
        r.diagnostics[0] ?? {
          code: sdkCodes.pipelineInputUnreadable,
          severity: "error",
          message: `cannot read ${run.options.input}`,
        }
      );
    if (r.index <= state.progress) continue;
    pending.push(r);
    last = r.index;
    if (pending.length >= run.batch) await flush(false);
  }
  await flush(true);
  return undefined;
}

type BadRecord = Extract<RecordOutcome, { readonly ok: false }>;

function redactedOutcome(redactor: Redactor, r: BadRecord): BadRecord {
  const text = (t: string): string => redactor.text(t).text;
  return {
    ...r,
    raw: text(r.raw),
    diagnostics: r.diagnostics.map((d) => ({
      ...d,
      message: text(d.message),
      ...(d.hint === undefined ? {} : { hint: text(d.hint) }),
    })),
    ...(r.workflowId === undefined ? {} : { workflowId: text(r.workflowId) }),
  };
}

function diagnosticText(d: Diagnostic): string {
  const where =
    d.span !== undefined
      ? `${d.span.start.line}:${d.span.start.column}: `
      : d.path !== undefined && d.path.length > 0
        ? `${d.path.join(".")}: `
        : "";
  return `${where}${d.message}`;
}

// sample -------------------------------------------------------------------------------

/**
 * Samples the manifest (`sampleWorkflowPicks`, two passes over the stored records) and
 * stores the sample's record numbers in the order `sampleWorkflows` gives it. The picks go
 * to a temporary table as they come and DuckDB sorts them, so memory holds no per-record
 * state unless a target makes a stratum choose (then at most the target's picks).
 */
async function sample(run: PipelineRun): Promise<readonly Diagnostic[]> {
  const state = await stageState(run, "sample");
  if (state.done) return [];
  progress(run, "sample", 0, null);
  const { store, runId } = run;
  // The objects the passes yield carry their record numbers without a table of them all.
  const recordNo = new WeakMap<WorkflowRecord, number>();
  const source = async function* (): AsyncIterable<WorkflowRecord> {
    let after = 0;
    for (;;) {
      const page = await store.all(
        `SELECT record_no, record_json FROM records WHERE run_id = ? AND record_no > ?
         ORDER BY record_no LIMIT 1000`,
        [runId, after],
      );
      if (page.length === 0) return;
      for (const r of page) {
        const record = JSON.parse(str(r, "record_json")) as WorkflowRecord;
        recordNo.set(record, num(r, "record_no"));
        yield record;
      }
      after = num(page.at(-1), "record_no");
    }
  };
  const { builder } = await run.tools();
  // A connection's own temporary table: a killed run leaves nothing of it behind.
  await store.run(
    `CREATE OR REPLACE TEMP TABLE sample_picks (record_no BIGINT NOT NULL,
       workflow_key VARCHAR NOT NULL, merchant_key VARCHAR NOT NULL, priority_key VARCHAR NOT NULL)`,
  );
  let pending: DuckDBValue[][] = [];
  const flush = async () => {
    await store.insert("sample_picks", pending);
    pending = [];
  };
  const sampled = await sampleWorkflowPicks(
    source,
    samplingRules(run.options),
    builder.env.catalog,
    {
      pick: (record) => {
        const no = recordNo.get(record);
        if (no === undefined)
          throw new InternalError(
            `the sample holds a record the source never gave: ${record.workflow_id}`,
          );
        return no;
      },
      onPick: async (p) => {
        pending.push([
          p.item,
          codeUnitKey(p.workflowId),
          codeUnitKey(p.merchantId),
          codeUnitKey(p.priority),
        ]);
        if (pending.length >= 1000) await flush();
      },
      streamWholeStrata: true,
    },
  );
  if (sampled.diagnostics.length > 0) return sampled.diagnostics;
  await flush();
  await store.transaction(async () => {
    await store.run("DELETE FROM sampled WHERE run_id = ?", [runId]);
    await store.run(
      `INSERT INTO sampled SELECT ?, row_number() OVER (
         ORDER BY workflow_key, merchant_key, priority_key, record_no), record_no FROM sample_picks`,
      [runId],
    );
    await mark(run, "sample", 0, true, JSON.stringify(sampled.report));
  });
  await store.run("DROP TABLE sample_picks");
  progress(run, "sample", sampled.report.kept, sampled.report.kept);
  return [];
}

// items: redaction, round trip, dedup keys ---------------------------------------------

async function items(run: PipelineRun): Promise<void> {
  const state = await stageState(run, "items");
  if (state.done) return;
  progress(run, "items", 0, null);
  const { store, runId } = run;
  const redactor = run.redactor;
  const [count] = await store.all(
    "SELECT count(*) AS n FROM sampled WHERE run_id = ?",
    [runId],
  );
  const total = num(count, "n");
  let last = state.progress;
  for (;;) {
    // The narrow batch first, so the join reads only its records (DuckDB pushes the batch's
    // record-number range into the scan of the wide table).
    const batch = await store.all(
      `WITH s AS (SELECT position, record_no FROM sampled
                  WHERE run_id = ? AND position > ? ORDER BY position LIMIT ?)
       SELECT s.position, r.record_no, r.workflow_id, r.merchant_id, r.workflow
       FROM s JOIN records r ON r.record_no = s.record_no
       WHERE r.run_id = ? ORDER BY s.position`,
      [runId, last, run.batch, runId],
    );
    if (batch.length === 0) break;
    const itemRows: DuckDBValue[][] = [];
    const redactionRows: DuckDBValue[][] = [];
    for (const r of batch) {
      const position = num(r, "position");
      const base = [
        runId,
        position,
        num(r, "record_no"),
        str(r, "workflow_id"),
        str(r, "merchant_id"),
      ];
      const reject = (code: string, reason: string) =>
        itemRows.push([
          ...base,
          "rejected",
          `${code}: ${reason}`,
          null,
          null,
          null,
          null,
        ]);
      const original = str(r, "workflow");
      const redacted = redactor.workflow(original);
      if (!redacted.ok) {
        reject(
          sdkCodes.pipelineRedactionFailed,
          redacted.diagnostics.map(diagnosticText).join("; "),
        );
        continue;
      }
      const json = redacted.value.json;
      // The redactor returns a changed text only after checking that it round-trips (see
      // `redactDocument`), so only an unchanged one still needs the check.
      const trip = json === original ? checkFlowRoundTrip(json) : undefined;
      if (trip !== undefined && trip.status !== "ok") {
        reject(
          sdkCodes.pipelineRedactionRoundTrip,
          trip.semantic?.detail ??
            (trip.diagnostics.map(diagnosticText).join("; ") ||
              `round trip ${trip.status}`),
        );
        continue;
      }
      const keys = workflowKeys(json);
      if (!keys.ok) {
        reject(
          sdkCodes.pipelineItemInvalid,
          keys.diagnostics.map(diagnosticText).join("; "),
        );
        continue;
      }
      itemRows.push([
        ...base,
        "kept",
        null,
        keys.value.exactKey,
        keys.value.fingerprint,
        null,
        json,
      ]);
      for (const [kind, n] of Object.entries(redacted.value.counts))
        if (n > 0) redactionRows.push([runId, position, kind, n]);
    }
    await store.transaction(async () => {
      await store.insert("items", itemRows);
      await store.insert("redactions", redactionRows);
      last = num(batch.at(-1), "position");
      await mark(run, "items", last, false);
    });
    progress(run, "items", last, total);
    run.released(textBytes(batch, "workflow"));
  }
  await store.transaction(() => mark(run, "items", last, true));
}

// exact dedup: the first sampled occurrence of a canonical workflow is kept -------------

async function dedup(run: PipelineRun): Promise<void> {
  const state = await stageState(run, "dedup");
  if (state.done) return;
  // One statement: the duplicates never pass through JavaScript, however many there are.
  // Numbered parameters: DuckDB binds an UPDATE's SET after its FROM, so `?` would swap.
  await run.store.transaction(async () => {
    await run.store.run(
      `UPDATE items SET status = 'duplicate', reason = $1 || d.first_id
       FROM (SELECT i.position, f.workflow_id AS first_id
             FROM items i
             JOIN (SELECT exact_key, min(position) AS first FROM items
                   WHERE run_id = $2 AND status = 'kept' GROUP BY exact_key) m
               ON i.exact_key = m.exact_key AND i.position > m.first
             JOIN items f ON f.run_id = i.run_id AND f.position = m.first
             WHERE i.run_id = $2 AND i.status = 'kept') d
       WHERE items.run_id = $2 AND items.position = d.position`,
      [
        `${sdkCodes.pipelineDuplicateWorkflow}: the same workflow as `,
        run.runId,
      ],
    );
    await mark(run, "dedup", 0, true);
  });
}

// splits: grouped by merchant and fingerprint -------------------------------------------

/**
 * Splits depend only on which merchant and fingerprint each kept item has, so the
 * assignment reads one weighted entry per distinct (merchant, fingerprint) pair, and every
 * item then takes its merchant's split in one UPDATE. Memory: O(distinct merchants +
 * fingerprints + pairs), never a row per item (pairs ≤ items, and far fewer when merchants
 * reuse workflow shapes; a pair is ~100 bytes).
 */
async function assignItemSplits(run: PipelineRun): Promise<void> {
  const state = await stageState(run, "splits");
  if (state.done) return;
  const { store, runId } = run;
  const pairs = await store.all(
    `SELECT merchant_id, fingerprint, count(*) AS n FROM items
     WHERE run_id = ? AND status = 'kept' GROUP BY ALL`,
    [runId],
  );
  const entry = (r: StoreRow) => ({
    id: `${str(r, "merchant_id")}\u0000${str(r, "fingerprint")}`,
    merchant: str(r, "merchant_id"),
    fingerprint: str(r, "fingerprint"),
    weight: num(r, "n"),
  });
  const assigned = assignSplits(pairs.map(entry), {
    seed: run.config.seed,
    ratios: run.config.ratios,
  });
  const merchantSplits = new Map<string, Split>();
  for (const r of pairs) {
    const e = entry(r);
    const split = assigned.split(e.id);
    if (split === undefined)
      throw new InternalError(
        `no split for merchant ${e.merchant} and fingerprint ${e.fingerprint}: every kept item must get one`,
      );
    merchantSplits.set(e.merchant, split);
  }
  await store.transaction(async () => {
    await store.run(
      "CREATE OR REPLACE TEMP TABLE merchant_splits (merchant_id VARCHAR NOT NULL, split VARCHAR NOT NULL)",
    );
    await store.insert(
      "merchant_splits",
      [...merchantSplits].map(([merchant, split]) => [merchant, split]),
    );
    await store.run(
      `UPDATE items SET split = s.split FROM merchant_splits s
       WHERE items.run_id = ? AND items.status = 'kept' AND items.merchant_id = s.merchant_id`,
      [runId],
    );
    await store.run("DROP TABLE merchant_splits");
    await mark(run, "splits", 0, true, JSON.stringify(assigned.report));
  });
}

// requests ------------------------------------------------------------------------------

async function runCost(run: PipelineRun): Promise<number> {
  const [r] = await run.store.all(
    "SELECT cost_usd FROM runs WHERE run_id = ?",
    [run.runId],
  );
  return num(r, "cost_usd");
}

async function writeRequests(
  run: PipelineRun,
): Promise<"done" | "budget_exhausted"> {
  const state = await stageState(run, "requests");
  if (state.done) return "done";
  progress(run, "requests", 0, null);
  const { store, runId } = run;
  const [count] = await store.all(
    "SELECT count(*) AS n FROM items WHERE run_id = ? AND status = 'kept'",
    [runId],
  );
  const total = num(count, "n");
  let done = num(
    (
      await store.all(
        "SELECT count(*) AS n FROM items WHERE run_id = ? AND status = 'kept' AND position <= ?",
        [runId, state.progress],
      )
    )[0],
    "n",
  );
  let last = state.progress;
  for (;;) {
    const batch = await store.all(
      `SELECT position, workflow_id, redacted_json FROM items
       WHERE run_id = ? AND status = 'kept' AND position > ? ORDER BY position LIMIT ?`,
      [runId, last, run.batch],
    );
    if (batch.length === 0) break;
    // Concurrent within a batch (the LLM client limits concurrency); committed in order.
    const { synth } = await run.tools();
    const before = run.client?.usage().fresh;
    const written = await Promise.all(
      batch.map((r) =>
        synth.write({
          workflowJson: str(r, "redacted_json"),
          styles: run.config.styles,
          seed: seededIndex(
            run.config.seed,
            `pipeline.request\u0000${str(r, "workflow_id")}`,
            0x7fffffff,
          ),
        }),
      ),
    );
    const budgetStop = written.findIndex(
      (w) =>
        !w.ok &&
        w.diagnostics.some(
          (d) =>
            d.code === sdkCodes.llmBudgetExhausted ||
            d.code === sdkCodes.pipelineBudgetExhausted,
        ),
    );
    const usable = budgetStop < 0 ? batch.length : budgetStop;
    // What the batch spent, answers left uncommitted after a budget stop included (they are
    // cached, so the resume pays nothing for them again).
    const after = run.client?.usage().fresh;
    await store.transaction(async () => {
      if (before !== undefined && after !== undefined)
        await store.run(
          `UPDATE runs SET input_tokens = input_tokens + ?, output_tokens = output_tokens + ?,
             cost_usd = cost_usd + ? WHERE run_id = ?`,
          [
            after.inputTokens - before.inputTokens,
            after.outputTokens - before.outputTokens,
            after.costUsd - before.costUsd,
            runId,
          ],
        );
      const rejections: DuckDBValue[][] = [];
      const requests: DuckDBValue[][] = [];
      for (let i = 0; i < usable; i++) {
        const r = batch[i];
        const w = written[i];
        if (r === undefined || w === undefined) continue;
        const position = num(r, "position");
        last = position;
        done++;
        if (!w.ok) {
          rejections.push([
            runId,
            position,
            "request",
            "requests",
            str(r, "workflow_id"),
            w.diagnostics[0]?.code ?? sdkCodes.pipelineRequestFailed,
            w.diagnostics.map(diagnosticText).join("; ") ||
              "no request was written",
          ]);
          continue;
        }
        for (const q of w.value)
          requests.push([
            runId,
            position,
            q.style,
            q.text,
            q.writer,
            q.promptVersion,
            q.promptSha256,
            q.cached,
            q.usage?.inputTokens ?? 0,
            q.usage?.outputTokens ?? 0,
            costOf(
              q.usage ?? { inputTokens: 0, outputTokens: 0 },
              run.options.llm?.pricing,
            ),
          ]);
      }
      await store.insert("rejections", rejections);
      await store.insert("requests", requests);
      await mark(run, "requests", last, false);
    });
    progress(run, "requests", done, total, await runCost(run));
    run.released(textBytes(batch, "redacted_json"));
    if (budgetStop >= 0) return "budget_exhausted";
  }
  await store.transaction(() => mark(run, "requests", last, true));
  return "done";
}

// rows ----------------------------------------------------------------------------------

async function buildRows(run: PipelineRun): Promise<void> {
  const state = await stageState(run, "rows");
  if (state.done) return;
  progress(run, "rows", 0, null);
  const { builder } = await run.tools();
  const { store, runId } = run;
  const [count] = await store.all(
    "SELECT count(DISTINCT position) AS n FROM requests WHERE run_id = ?",
    [runId],
  );
  const total = num(count, "n");
  let done = num(
    (
      await store.all(
        "SELECT count(DISTINCT position) AS n FROM requests WHERE run_id = ? AND position <= ?",
        [runId, state.progress],
      )
    )[0],
    "n",
  );
  let last = state.progress;
  for (;;) {
    const positions = await store.all(
      `SELECT DISTINCT position FROM requests WHERE run_id = ? AND position > ?
       ORDER BY position LIMIT ?`,
      [runId, last, run.batch],
    );
    const end = num(positions.at(-1), "position");
    if (positions.length === 0) break;
    const batch = await store.all(
      `SELECT q.position, q.style, q.text, i.workflow_id, i.split, i.redacted_json
       FROM requests q JOIN items i ON i.run_id = q.run_id AND i.position = q.position
       WHERE q.run_id = ? AND q.position > ? AND q.position <= ?
         AND i.position > ? AND i.position <= ?
       ORDER BY q.position, q.style`,
      [runId, last, end, last, end],
    );
    const rejections: DuckDBValue[][] = [];
    const rows: DuckDBValue[][] = [];
    let rowBytes = 0;
    for (const r of batch) {
      const id = str(r, "workflow_id");
      const style = str(r, "style");
      const rowId = `${id}#${style}`;
      const built = builder.build({
        rowId,
        source: id,
        json: str(r, "redacted_json"),
        variant: "create",
        label: `create:${style}`,
        request: str(r, "text"),
        seed: seededIndex(
          run.config.seed,
          `pipeline.seed\u0000${style}\u0000${id}`,
          0x7fffffff,
        ),
      });
      if (!built.ok) {
        rejections.push([
          runId,
          num(r, "position"),
          built.rejected.variant,
          "rows",
          id,
          built.rejected.code,
          built.rejected.message,
        ]);
        continue;
      }
      const json = serializeRow(built.row);
      rowBytes += json.length;
      rows.push([
        runId,
        rowId,
        num(r, "position"),
        style,
        str(r, "split"),
        sha256Hex(`${run.config.seed}\u0000${rowId}`),
        json,
      ]);
    }
    await store.transaction(async () => {
      await store.insert("rejections", rejections);
      await store.insert("rows", rows);
      await mark(run, "rows", end, false);
    });
    last = end;
    done += positions.length;
    progress(run, "rows", done, total, await runCost(run));
    // What the batch read, and the rows it built and inserted (each several times its workflow).
    run.released(textBytes(batch, "redacted_json", "text") + rowBytes);
  }
  // Row ids are unique by construction (records with a duplicate id are quarantined, and
  // each batch commits with its mark); `rows` has no key index to refuse a second copy
  // (see migration 5), so a broken invariant is caught here, once.
  const [twice] = await store.all(
    "SELECT count(*) - count(DISTINCT row_id) AS n FROM rows WHERE run_id = ?",
    [runId],
  );
  if (num(twice, "n") !== 0)
    throw new Error(`rows: ${num(twice, "n")} row ids are stored twice`);
  await store.transaction(() => mark(run, "rows", last, true));
}

// export --------------------------------------------------------------------------------

/** Every conversation that did not become a row, and every item removed before requests. */
async function rejectedList(run: PipelineRun): Promise<RejectedRow[]> {
  const rows = await run.store.all(
    `SELECT workflow_id AS id, label AS variant, code, message FROM rejections WHERE run_id = ?
     ORDER BY id, variant`,
    [run.runId],
  );
  return rows.map((r) => ({
    id: str(r, "id"),
    variant: str(r, "variant"),
    code: str(r, "code"),
    message: str(r, "message"),
  }));
}

function quoteSql(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function exportDataset(run: PipelineRun): Promise<void> {
  const state = await stageState(run, "export");
  if (state.done) return;
  progress(run, "export", 0, null);
  const { builder } = await run.tools();
  const { store, options } = run;
  const out = options.out;
  const files: ExportedFile[] = [];
  const cards: Record<string, DatasetCardData> = {};
  const markdown: string[] = [];
  const rejected = await rejectedList(run);
  const shuffled = await shuffledSplits({
    store,
    runId: run.runId,
    batch: run.batch,
    spillPath: tempPath(join(out, "rows.spill")),
    released: run.released,
  });
  const totalRows = splitNames.reduce((n, s) => n + shuffled.count[s], 0);
  let exported = 0;
  try {
    for (const split of splitNames) {
      const target = join(out, `${split}.jsonl`);
      const writer = atomicWriter(target);
      const tally = cardTally();
      for (const json of shuffled.rows(split)) {
        writer.write(`${json}\n`);
        tally.add(JSON.parse(json) as DatasetRow);
        exported++;
        if (exported % 1000 === 0) progress(run, "export", exported, totalRows);
        run.released(json.length);
      }
      const written = writer.commit();
      files.push({ file: `${split}.jsonl`, ...written });
      const card = tally.card(written.sha256, {
        name: `${run.config.name} (${split})`,
        seed: run.config.seed,
        catalogTasks: builder.catalogTasks,
        ...(split === "train" ? { rejected } : {}),
      });
      cards[split] = card.data;
      markdown.push(card.markdown);
      const parquet = join(out, `${split}.parquet`);
      const temp = tempPath(parquet);
      // From the JSONL file just written, in its order: no second sort of wide rows. One
      // thread, so the Parquet bytes do not depend on scheduling; small row groups, so the
      // writer's buffer stays small whatever the split's size.
      await store.run("SET threads = 1");
      await store.run(`SET memory_limit = ${quoteSql(PARQUET_MEMORY_LIMIT)}`);
      await store.run(
        `COPY (SELECT meta->>'id' AS id, messages::VARCHAR AS messages, tools,
                      input_ids, assistant_masks, meta::VARCHAR AS meta
               FROM read_ndjson(${quoteSql(target)}, columns = {
                 messages: 'JSON', tools: 'VARCHAR', input_ids: 'INTEGER[]',
                 assistant_masks: 'UTINYINT[]', meta: 'JSON'}))
         TO ${quoteSql(temp)} (FORMAT parquet, ROW_GROUP_SIZE 1024)`,
      );
      await store.run(`SET memory_limit = ${quoteSql(STORE_MEMORY_LIMIT)}`);
      await store.run("RESET threads");
      commitTemp(temp, parquet);
      files.push({
        file: `${split}.parquet`,
        sha256: await fileSha256(parquet),
        bytes: statSync(parquet).size,
      });
    }
  } finally {
    await shuffled.close();
  }
  files.push({
    file: "card.json",
    ...writeFileAtomic(
      join(out, "card.json"),
      `${JSON.stringify({ name: run.config.name, splits: cards }, null, 2)}\n`,
    ),
  });
  files.push({
    file: "card.md",
    ...writeFileAtomic(join(out, "card.md"), markdown.join("\n")),
  });
  files.push({
    file: "quarantine.jsonl",
    ...(await writeQuarantine(run)),
  });
  const report = await datasetReport(run, cards);
  files.push({
    file: "report.json",
    ...writeFileAtomic(
      join(out, "report.json"),
      `${JSON.stringify(report, null, 2)}\n`,
    ),
  });
  files.push({
    file: "report.md",
    ...writeFileAtomic(join(out, "report.md"), reportMarkdown(report)),
  });
  files.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  await recordVersion(run, files);
  progress(run, "export", exported, totalRows);
}

async function writeQuarantine(
  run: PipelineRun,
): Promise<{ sha256: string; bytes: number }> {
  const writer = atomicWriter(join(run.options.out, "quarantine.jsonl"));
  let after = 0;
  for (;;) {
    const page = await run.store.all(
      `SELECT record_no, entry_json FROM quarantine WHERE run_id = ? AND record_no > ?
       ORDER BY record_no LIMIT 1000`,
      [run.runId, after],
    );
    if (page.length === 0) break;
    for (const q of page) writer.write(`${str(q, "entry_json")}\n`);
    after = num(page.at(-1), "record_no");
  }
  return writer.commit();
}

/** What the report says: deterministic (no clocks, no run-dependent cache state). */
export interface DatasetReport {
  readonly name: string;
  readonly seed: number;
  readonly writer: string;
  readonly styles: readonly string[];
  readonly filters: readonly {
    readonly stage: string;
    readonly reason: string;
    readonly removed: number;
  }[];
  readonly sampling: unknown;
  readonly redactions: Readonly<Record<string, number>>;
  readonly dedup: {
    readonly duplicates: number;
    readonly fingerprints: number;
  };
  readonly splits: {
    readonly assignment: unknown;
    readonly items: Readonly<Record<string, number>>;
    readonly rows: Readonly<Record<string, number>>;
    readonly merchants: Readonly<Record<string, number>>;
  };
  readonly contamination: ContaminationReport | null;
  readonly requests: {
    readonly count: number;
    readonly prompt_versions: Readonly<Record<string, number>>;
  };
  /**
   * What the run's requests cost: the tokens of the answers that wrote them at the model's
   * prices, whether this invocation paid for them or the cache had them (0 offline). What
   * one invocation spent depends on the cache, retries and resumes, so a re-run would
   * change the file; that is in the run's summary and the store's `runs` row instead.
   */
  readonly cost: {
    readonly input_tokens: number;
    readonly output_tokens: number;
    readonly usd: number;
  };
  readonly tokens: { readonly total: number; readonly trained: number };
}

function counts(
  rows: readonly StoreRow[],
  key: string,
): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [str(r, key), num(r, "n")]));
}

async function datasetReport(
  run: PipelineRun,
  cards: Readonly<Record<string, DatasetCardData>>,
): Promise<DatasetReport> {
  const { store, runId } = run;
  const one = async (sql: string) =>
    num((await store.all(sql, [runId]))[0], "n");
  const removedBy = await store.all(
    `SELECT split_part(reason, ':', 1) AS code, status, count(*) AS n FROM items
     WHERE run_id = ? AND status <> 'kept' GROUP BY ALL ORDER BY code, status`,
    [runId],
  );
  const rejectedBy = await store.all(
    `SELECT stage, code, count(*) AS n FROM rejections WHERE run_id = ?
     GROUP BY ALL ORDER BY stage, code`,
    [runId],
  );
  const sampling = await stageState(run, "sample");
  const splitState = await stageState(run, "splits");
  const contamination =
    run.options.evalSet === undefined ? null : await evalSetContamination(run);
  const requests = await store.all(
    `SELECT prompt_version, count(*) AS n FROM requests WHERE run_id = ?
     GROUP BY ALL ORDER BY prompt_version`,
    [runId],
  );
  return {
    name: run.config.name,
    seed: run.config.seed,
    writer: run.config.writer,
    styles: run.config.styles,
    filters: [
      {
        stage: "read",
        reason: "bad record (quarantine.jsonl)",
        removed: await one(
          "SELECT count(*) AS n FROM quarantine WHERE run_id = ?",
        ),
      },
      {
        stage: "sample",
        reason: "sampling rules",
        removed:
          (await one("SELECT count(*) AS n FROM records WHERE run_id = ?")) -
          (await one("SELECT count(*) AS n FROM sampled WHERE run_id = ?")),
      },
      ...removedBy.map((r) => ({
        stage: str(r, "status") === "duplicate" ? "dedup" : "redact",
        reason: str(r, "code"),
        removed: num(r, "n"),
      })),
      ...rejectedBy.map((r) => ({
        stage: str(r, "stage"),
        reason: str(r, "code"),
        removed: num(r, "n"),
      })),
    ],
    sampling: sampling.report === null ? null : JSON.parse(sampling.report),
    redactions: counts(
      await store.all(
        "SELECT kind, sum(count) AS n FROM redactions WHERE run_id = ? GROUP BY kind ORDER BY kind",
        [runId],
      ),
      "kind",
    ),
    dedup: {
      duplicates: await one(
        "SELECT count(*) AS n FROM items WHERE run_id = ? AND status = 'duplicate'",
      ),
      fingerprints: await one(
        "SELECT count(DISTINCT fingerprint) AS n FROM items WHERE run_id = ? AND status = 'kept'",
      ),
    },
    splits: {
      assignment:
        splitState.report === null ? null : JSON.parse(splitState.report),
      items: counts(
        await store.all(
          "SELECT split, count(*) AS n FROM items WHERE run_id = ? AND status = 'kept' GROUP BY split ORDER BY split",
          [runId],
        ),
        "split",
      ),
      rows: Object.fromEntries(splitNames.map((s) => [s, cards[s]?.rows ?? 0])),
      merchants: counts(
        await store.all(
          "SELECT split, count(DISTINCT merchant_id) AS n FROM items WHERE run_id = ? AND status = 'kept' GROUP BY split ORDER BY split",
          [runId],
        ),
        "split",
      ),
    },
    contamination,
    requests: {
      count: requests.reduce((a, r) => a + num(r, "n"), 0),
      prompt_versions: counts(requests, "prompt_version"),
    },
    cost: await requestCost(run),
    tokens: {
      total: splitNames.reduce((a, s) => a + (cards[s]?.tokens.total ?? 0), 0),
      trained: splitNames.reduce(
        (a, s) => a + (cards[s]?.tokens.trained ?? 0),
        0,
      ),
    },
  };
}

/** From the summed tokens, so the dollar figure does not depend on the order of a float sum. */
async function requestCost(run: PipelineRun): Promise<DatasetReport["cost"]> {
  const [tokens] = await run.store.all(
    `SELECT coalesce(sum(input_tokens), 0) AS input, coalesce(sum(output_tokens), 0) AS output
     FROM requests WHERE run_id = ?`,
    [run.runId],
  );
  const input = num(tokens, "input");
  const output = num(tokens, "output");
  return {
    input_tokens: input,
    output_tokens: output,
    usd: costOf(
      { inputTokens: input, outputTokens: output },
      run.options.llm?.pricing,
    ),
  };
}

async function evalSetContamination(
  run: PipelineRun,
): Promise<ContaminationReport> {
  const evalItems: ContaminationItem[] = [];
  for await (const r of inputRecords(run.options.evalSet ?? "")) {
    if (!r.ok) continue;
    const keys = workflowKeys(r.record.workflow);
    if (keys.ok) evalItems.push({ id: r.record.workflow_id, ...keys.value });
  }
  const train = await run.store.all(
    `SELECT workflow_id, exact_key, fingerprint FROM items
     WHERE run_id = ? AND status = 'kept' AND split = 'train' ORDER BY position`,
    [run.runId],
  );
  return contaminationReport(
    train.map((r) => ({
      id: str(r, "workflow_id"),
      exactKey: str(r, "exact_key"),
      fingerprint: str(r, "fingerprint"),
    })),
    evalItems,
  );
}

function reportMarkdown(r: DatasetReport): string {
  const table = (head: string, entries: readonly [string, number][]) =>
    [
      `| ${head} | count |`,
      "| --- | ---: |",
      ...entries.map(([k, v]) => `| ${k} | ${v} |`),
    ].join("\n");
  return [
    `# Dataset report: ${r.name}`,
    "",
    `Seed ${r.seed}; request writer \`${r.writer}\`; styles ${r.styles.join(", ")}.`,
    "",
    "## What each filter removed",
    "",
    [
      "| stage | reason | removed |",
      "| --- | --- | ---: |",
      ...r.filters.map((f) => `| ${f.stage} | ${f.reason} | ${f.removed} |`),
    ].join("\n"),
    "",
    "## Redactions by kind",
    "",
    table("kind", Object.entries(r.redactions)),
    "",
    "## Dedup and splits",
    "",
    `${r.dedup.duplicates} exact duplicates removed; ${r.dedup.fingerprints} distinct structural fingerprints kept.`,
    "",
    [
      "| split | workflows | merchants | rows |",
      "| --- | ---: | ---: | ---: |",
      ...splitNames.map(
        (s) =>
          `| ${s} | ${r.splits.items[s] ?? 0} | ${r.splits.merchants[s] ?? 0} | ${r.splits.rows[s] ?? 0} |`,
      ),
    ].join("\n"),
    "",
    "## Contamination against the eval set",
    "",
    r.contamination === null
      ? "No eval set given."
      : `${r.contamination.evalItems} eval workflows; ${r.contamination.exact.train} train workflows identical to one, ${r.contamination.near.train} structurally the same.`,
    "",
    "## Requests and tokens",
    "",
    `${r.requests.count} requests (prompt versions: ${
      Object.entries(r.requests.prompt_versions)
        .map(([v, n]) => `${v} ×${n}`)
        .join(", ") || "none"
    }); rows hold ${r.tokens.total} tokens, ${r.tokens.trained} trained.`,
    "",
    `Cost of the requests: ${r.cost.input_tokens} input and ${r.cost.output_tokens} output tokens, $${r.cost.usd.toFixed(4)} at the model's prices (cache hits included; what each invocation spent is in its summary).`,
    "",
  ].join("\n");
}

// versions and lineage --------------------------------------------------------------------

async function recordVersion(
  run: PipelineRun,
  files: readonly ExportedFile[],
): Promise<void> {
  const { store, runId } = run;
  const name = run.config.name;
  const filesJson = JSON.stringify(files);
  await store.transaction(async () => {
    const [latest] = await store.all(
      "SELECT version, files_json FROM dataset_versions WHERE name = ? ORDER BY version DESC LIMIT 1",
      [name],
    );
    let version: number;
    if (latest !== undefined && str(latest, "files_json") === filesJson)
      version = num(latest, "version");
    else {
      version = latest === undefined ? 1 : num(latest, "version") + 1;
      await store.run("INSERT INTO dataset_versions VALUES (?, ?, ?, ?, ?)", [
        name,
        version,
        latest === undefined ? null : num(latest, "version"),
        runId,
        filesJson,
      ]);
    }
    await store.run(
      "DELETE FROM lineage WHERE run_id = ? AND dataset_version = ?",
      [runId, version],
    );
    await store.run(
      `INSERT INTO lineage
       SELECT w.run_id, w.row_id, i.workflow_id, i.record_no, q.prompt_version, q.writer, ?, ?
       FROM rows w
       JOIN items i ON i.run_id = w.run_id AND i.position = w.position
       JOIN requests q ON q.run_id = w.run_id AND q.position = w.position AND q.style = w.style
       WHERE w.run_id = ?`,
      [name, version, runId],
    );
    await store.run(
      `UPDATE runs SET status = 'done',
         records_read = (SELECT count(*) FROM records WHERE run_id = ?),
         quarantined = (SELECT count(*) FROM quarantine WHERE run_id = ?),
         rows_written = (SELECT count(*) FROM rows WHERE run_id = ?)
       WHERE run_id = ?`,
      [runId, runId, runId, runId],
    );
    await mark(run, "export", 0, true);
  });
}

async function latestVersion(
  run: PipelineRun,
): Promise<{ name: string; version: number; files: ExportedFile[] } | null> {
  const [v] = await run.store.all(
    `SELECT name, version, files_json FROM dataset_versions
     WHERE run_id = ? AND name = ? ORDER BY version DESC LIMIT 1`,
    [run.runId, run.config.name],
  );
  if (v === undefined) return null;
  return {
    name: str(v, "name"),
    version: num(v, "version"),
    files: JSON.parse(str(v, "files_json")) as ExportedFile[],
  };
}

async function filesIntact(run: PipelineRun): Promise<boolean> {
  const v = await latestVersion(run);
  if (v === null) return false;
  for (const f of v.files) {
    const path = join(run.options.out, f.file);
    if (!existsSync(path) || statSync(path).size !== f.bytes) return false;
    if ((await fileSha256(path)) !== f.sha256) return false;
  }
  return true;
}

async function summary(
  run: PipelineRun,
  noOp: boolean,
  status: "done" | "budget_exhausted" = "done",
): Promise<DatasetBuildSummary> {
  const { store, runId } = run;
  const n = async (sql: string) => num((await store.all(sql, [runId]))[0], "n");
  const rowCounts = counts(
    await store.all(
      "SELECT split, count(*) AS n FROM rows WHERE run_id = ? GROUP BY split",
      [runId],
    ),
    "split",
  );
  const [cost] = await store.all(
    "SELECT input_tokens, output_tokens, cost_usd FROM runs WHERE run_id = ?",
    [runId],
  );
  const version = status === "done" ? await latestVersion(run) : null;
  return {
    runId,
    status,
    noOp,
    records:
      (await n("SELECT count(*) AS n FROM records WHERE run_id = ?")) +
      (await n("SELECT count(*) AS n FROM quarantine WHERE run_id = ?")),
    quarantined: await n(
      "SELECT count(*) AS n FROM quarantine WHERE run_id = ?",
    ),
    sampled: await n("SELECT count(*) AS n FROM sampled WHERE run_id = ?"),
    rejectedItems: await n(
      "SELECT count(*) AS n FROM items WHERE run_id = ? AND status = 'rejected'",
    ),
    duplicates: await n(
      "SELECT count(*) AS n FROM items WHERE run_id = ? AND status = 'duplicate'",
    ),
    requests: await n("SELECT count(*) AS n FROM requests WHERE run_id = ?"),
    rejectedRows: await n(
      "SELECT count(*) AS n FROM rejections WHERE run_id = ?",
    ),
    rows: {
      train: rowCounts["train"] ?? 0,
      eval: rowCounts["eval"] ?? 0,
      test: rowCounts["test"] ?? 0,
    },
    inputTokens: num(cost, "input_tokens"),
    outputTokens: num(cost, "output_tokens"),
    costUsd: num(cost, "cost_usd"),
    files: version?.files ?? [],
    version:
      version === null
        ? null
        : { name: version.name, version: version.version },
  };
}

// dry run -------------------------------------------------------------------------------

/**
 * What a build would ask of the request writer: the records are read, sampled by the run's
 * rules and redacted (estimates are of what would be sent), nothing is written or called.
 */
async function dryRun(
  options: BuildDatasetOptions,
  synth: RequestSynthesizer,
): Promise<Result<DatasetBuildSummary>> {
  const styles = options.styles ?? requestStyles;
  let records = 0;
  let quarantined = 0;
  const good = async function* (): AsyncIterable<WorkflowRecord> {
    for await (const r of inputRecords(options.input)) if (r.ok) yield r.record;
  };
  for await (const r of inputRecords(options.input)) {
    if (r.index === 0 && !r.ok)
      return { ok: false, diagnostics: r.diagnostics };
    records++;
    if (!r.ok) quarantined++;
    if (records % 1000 === 0)
      options.onProgress?.({
        stage: "ingest",
        done: records,
        total: null,
        costUsd: 0,
      });
  }
  const sampled = await sampleWorkflows(good, samplingRules(options));
  if (sampled.diagnostics.length > 0)
    return { ok: false, diagnostics: sampled.diagnostics };
  const redactor = createRedactor({ salt: runSalt(options) });
  let workflows = 0;
  let inputTokens = 0;
  let outputTokens = 0;
  let costUsd = 0;
  for (const record of sampled.sample) {
    const redacted = redactor.workflow(record.workflow);
    if (!redacted.ok) continue;
    workflows++;
    const e = synth.estimate({
      workflowJson: redacted.value.json,
      styles,
      seed: options.seed ?? 0,
    });
    inputTokens += e.inputTokens;
    outputTokens += e.outputTokens;
    costUsd += e.costUsd;
    if (workflows % 1000 === 0)
      options.onProgress?.({
        stage: "requests",
        done: workflows,
        total: sampled.sample.length,
        costUsd: 0,
      });
  }
  return {
    ok: true,
    value: {
      runId: "",
      status: "dry_run",
      noOp: false,
      records,
      quarantined,
      sampled: sampled.sample.length,
      rejectedItems: sampled.sample.length - workflows,
      duplicates: 0,
      requests: 0,
      rejectedRows: 0,
      rows: { train: 0, eval: 0, test: 0 },
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      files: [],
      version: null,
      estimate: {
        requests: workflows * styles.length,
        inputTokens,
        outputTokens,
        costUsd,
      },
    },
    diagnostics: [],
  };
}
