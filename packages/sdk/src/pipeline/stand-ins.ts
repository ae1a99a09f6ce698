// STAND-IN for the records and redact parts of issue 5, which are being
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
