// STAND-IN for the records, redact, dedup and llm/requests parts of issue 5, which are being
// built in other worktrees. Each export follows the part's contract signature so that the
// pipeline switches to the real part by changing imports only; this whole file is deleted
// when the parts are merged. Deliberately minimal: it is not the product behaviour.
import { createReadStream, readFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, dirname, relative, sep } from "node:path";
import { createInterface } from "node:readline";
import {
  findWorkflowFiles,
  type Diagnostic,
  type Result,
} from "@flowpy/transpiler";
import { sdkCodes } from "../sdk-codes.js";
import { sha256Hex } from "../sha256-hex.js";
import { canonicalWorkflowText } from "../trajectory/same-workflow.js";
import { seededIndex } from "../trajectory/seeded-choice.js";
import { workflowFacts } from "../trajectory/workflow-facts.js";
import { offlineRequestWriter } from "../trajectory/request-writer.js";
import type { TrajectoryEnvironment } from "../trajectory/trajectory.js";
import { indexesFor } from "../tools/tool-indexes.js";

// records/ -------------------------------------------------------------------------------

export interface WorkflowRecord {
  readonly workflow_id: string;
  readonly merchant_id: string;
  readonly workflow: string;
  readonly last_run_at: string | null;
  readonly runs_last_30_days?: number;
  readonly runs_total?: number;
}

export type RecordOutcome =
  | {
      readonly ok: true;
      readonly index: number;
      readonly record: WorkflowRecord;
    }
  | {
      readonly ok: false;
      readonly index: number;
      readonly raw: string;
      readonly diagnostics: readonly Diagnostic[];
    };

function badRecord(index: number, raw: string, message: string): RecordOutcome {
  return {
    ok: false,
    index,
    raw,
    diagnostics: [
      { code: sdkCodes.pipelineRecordInvalid, severity: "error", message },
    ],
  };
}

function recordOf(index: number, raw: string, value: unknown): RecordOutcome {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return badRecord(index, raw, "a record is a JSON object");
  const v = value as Record<string, unknown>;
  const workflow =
    typeof v["workflow"] === "string"
      ? v["workflow"]
      : typeof v["workflow"] === "object" && v["workflow"] !== null
        ? JSON.stringify(v["workflow"])
        : undefined;
  if (typeof v["workflow_id"] !== "string" || v["workflow_id"] === "")
    return badRecord(index, raw, "workflow_id must be a non-empty string");
  if (typeof v["merchant_id"] !== "string")
    return badRecord(index, raw, "merchant_id must be a string");
  if (workflow === undefined)
    return badRecord(
      index,
      raw,
      "workflow must be Flow JSON text or an object",
    );
  const last = v["last_run_at"];
  return {
    ok: true,
    index,
    record: {
      workflow_id: v["workflow_id"],
      merchant_id: v["merchant_id"],
      workflow,
      last_run_at: typeof last === "string" ? last : null,
    },
  };
}

export async function* readWorkflowRecords(
  path: string,
  options: { readonly format?: "jsonl" | "parquet" } = {},
): AsyncIterable<RecordOutcome> {
  const format =
    options.format ?? (path.endsWith(".parquet") ? "parquet" : "jsonl");
  if (format === "parquet") {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const quoted = `'${path.replaceAll("'", "''")}'`;
      const result = await connection.runAndReadAll(
        `SELECT * FROM read_parquet(${quoted})`,
      );
      let index = 0;
      for (const row of result.getRowObjectsJson()) {
        index++;
        yield recordOf(index, JSON.stringify(row), row);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    return;
  }
  const lines = createInterface({
    input: createReadStream(path, "utf8"),
    crlfDelay: Infinity,
  });
  let index = 0;
  for await (const line of lines) {
    index++;
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      yield badRecord(index, line, `line ${index}: ${(e as Error).message}`);
      continue;
    }
    yield recordOf(index, line, value);
  }
}

export async function* corpusRecords(
  dir: string,
): AsyncIterable<RecordOutcome> {
  const files = findWorkflowFiles(dir) ?? [];
  const isFile = (await stat(dir)).isFile();
  let index = 0;
  for (const file of files) {
    index++;
    const where = isFile
      ? basename(file)
      : /^workflow\.(json|flow)$/.test(basename(file))
        ? relative(dir, dirname(file))
        : relative(dir, file);
    const id = where.split(sep).join("/");
    yield {
      ok: true,
      index,
      record: {
        workflow_id: id,
        merchant_id: id.split("/")[0] ?? id,
        workflow: readFileSync(file, "utf8"),
        last_run_at: null,
      },
    };
  }
}

// redact/ --------------------------------------------------------------------------------

export type RedactionKind = "email";

export interface Redactor {
  workflow(json: string): Result<{
    readonly json: string;
    readonly counts: Readonly<Record<RedactionKind, number>>;
  }>;
}

export function createRedactor(_options: { readonly salt: string }): Redactor {
  return {
    workflow: (json) => ({
      ok: true,
      value: { json, counts: { email: 0 } },
      diagnostics: [],
    }),
  };
}

// dedup/ ---------------------------------------------------------------------------------

export function exactKey(json: string): Result<string> {
  const text = canonicalWorkflowText(json);
  return text === undefined
    ? {
        ok: false,
        diagnostics: [
          {
            code: sdkCodes.pipelineItemInvalid,
            severity: "error",
            message: "the workflow does not load",
          },
        ],
      }
    : { ok: true, value: sha256Hex(text), diagnostics: [] };
}

export function structuralFingerprint(json: string): Result<string> {
  const text = canonicalWorkflowText(json);
  if (text === undefined) return exactKey(json);
  // Literals ignored: every string value and number replaced by its type.
  const shape = text
    .replace(/"(?:[^"\\]|\\.)*"(?!\s*:)/g, '"s"')
    .replace(/-?\d+(\.\d+)?/g, "0");
  return { ok: true, value: sha256Hex(shape), diagnostics: [] };
}

export type Split = "train" | "eval" | "test";
export const splits = [
  "train",
  "eval",
  "test",
] as const satisfies readonly Split[];

export interface SplitItem {
  readonly id: string;
  readonly merchant: string;
  readonly fingerprint: string;
}

export interface SplitReport {
  readonly groups: number;
  readonly items: Readonly<Record<Split, number>>;
}

/** Groups by merchant only (the real part groups by merchant and fingerprint). */
export function assignSplits(
  items: Iterable<SplitItem>,
  options: {
    readonly seed: number;
    readonly ratios: Readonly<Record<Split, number>>;
  },
): { readonly split: (id: string) => Split; readonly report: SplitReport } {
  const byId = new Map<string, Split>();
  const counts: Record<Split, number> = { train: 0, eval: 0, test: 0 };
  const merchants = new Set<string>();
  const total =
    options.ratios.train + options.ratios.eval + options.ratios.test;
  for (const item of items) {
    merchants.add(item.merchant);
    const r =
      seededIndex(options.seed, `split\u0000${item.merchant}`, 1_000_000) /
      1_000_000;
    const s: Split =
      r < options.ratios.train / total
        ? "train"
        : r < (options.ratios.train + options.ratios.eval) / total
          ? "eval"
          : "test";
    byId.set(item.id, s);
    counts[s]++;
  }
  return {
    split: (id) => byId.get(id) ?? "train",
    report: { groups: merchants.size, items: counts },
  };
}

// llm/ + requests/ -----------------------------------------------------------------------

export type RequestStyle = "terse" | "detailed" | "non_native" | "vague";
export const requestStyles = [
  "terse",
  "detailed",
  "non_native",
  "vague",
] as const satisfies readonly RequestStyle[];

export interface SynthesizedRequest {
  readonly style: RequestStyle;
  readonly text: string;
  readonly writer: string;
  readonly promptVersion: string;
  readonly promptSha256: string;
  readonly cached: boolean;
}

export interface RequestEstimate {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

export interface RequestSynthesizer {
  readonly id: string;
  write(input: {
    readonly workflowJson: string;
    readonly styles: readonly RequestStyle[];
    readonly seed: number;
  }): Promise<Result<readonly SynthesizedRequest[]>>;
  estimate(input: {
    readonly workflowJson: string;
    readonly styles: readonly RequestStyle[];
  }): RequestEstimate;
}

export function offlineRequestSynthesizer(
  env: TrajectoryEnvironment,
): RequestSynthesizer {
  const paths = indexesFor(
    env.catalog,
    env.toolSet.limits.pathDepth,
    env.indexes,
  ).paths;
  return {
    id: "offline",
    write: async ({ workflowJson, styles, seed }) => {
      const facts = workflowFacts(workflowJson, env.catalog, paths);
      if (!facts.ok) return facts;
      return {
        ok: true,
        value: styles.map((style) => ({
          style,
          text:
            style === "terse"
              ? offlineRequestWriter.create(facts.value, seed)
              : `(${style}) ${offlineRequestWriter.create(facts.value, seed + 1)}`,
          writer: "offline",
          promptVersion: "offline-0",
          promptSha256: sha256Hex("offline-0"),
          cached: false,
        })),
        diagnostics: [],
      };
    },
    estimate: ({ styles }) => ({
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0 * styles.length,
    }),
  };
}

export interface ContaminationItem {
  readonly id: string;
  readonly exactKey: string;
  readonly fingerprint: string;
}

export interface ContaminationReport {
  readonly evalItems: number;
  readonly exact: readonly { readonly train: string; readonly eval: string }[];
  readonly nearDuplicate: readonly {
    readonly train: string;
    readonly eval: string;
  }[];
}

export function contaminationReport(
  train: Iterable<ContaminationItem>,
  evalSet: Iterable<ContaminationItem>,
): ContaminationReport {
  const byExact = new Map<string, string>();
  const byPrint = new Map<string, string>();
  let evalItems = 0;
  for (const e of evalSet) {
    evalItems++;
    if (!byExact.has(e.exactKey)) byExact.set(e.exactKey, e.id);
    if (!byPrint.has(e.fingerprint)) byPrint.set(e.fingerprint, e.id);
  }
  const exact: { train: string; eval: string }[] = [];
  const nearDuplicate: { train: string; eval: string }[] = [];
  for (const t of train) {
    const e = byExact.get(t.exactKey);
    if (e !== undefined) exact.push({ train: t.id, eval: e });
    else {
      const n = byPrint.get(t.fingerprint);
      if (n !== undefined) nearDuplicate.push({ train: t.id, eval: n });
    }
  }
  return { evalItems, exact, nearDuplicate };
}
