import { createHash } from "node:crypto";
import { open, rm } from "node:fs/promises";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import {
  findWorkflowFiles,
  prettyStyle,
  printJson,
  valueToJson,
} from "@flowpy/transpiler";
import { readFileSync } from "node:fs";
import type { JsonValue } from "../../src/conversation/chat-message.js";
import { sdkCodes } from "../../src/sdk-codes.js";

/**
 * Synthetic workflow records for tests and the pipeline bench: the bundled corpus
 * workflows with literals varied (names, condition numbers, tag names), so structural
 * fingerprints repeat while exact forms differ; merchants drawn from a Zipf law; run
 * statistics and timestamps spread around a fixed `now`; bad records of each kind at
 * chosen positions. Streams: nothing grows with `count`. Same options → same records.
 */

export const corpusDir = join(import.meta.dirname, "../../../../corpus");

export const badRecordKinds = [
  "json-syntax",
  "duplicate-key",
  "not-object",
  "missing-field",
  "invalid-field",
  "invalid-timestamp",
  "workflow-invalid",
  "duplicate-id",
  "too-large",
  "encoding",
] as const;
export type BadRecordKind = (typeof badRecordKinds)[number];

/** The code each kind is reported with, and the JSON path of its first diagnostic. */
export const badRecordExpectations = {
  "json-syntax": { code: sdkCodes.recordJsonSyntax, path: undefined },
  "duplicate-key": { code: sdkCodes.recordDuplicateKey, path: ["merchant_id"] },
  "not-object": { code: sdkCodes.recordNotObject, path: [] },
  "missing-field": { code: sdkCodes.recordMissingField, path: ["merchant_id"] },
  "invalid-field": { code: sdkCodes.recordInvalidField, path: ["runs_total"] },
  "invalid-timestamp": {
    code: sdkCodes.recordInvalidTimestamp,
    path: ["last_run_at"],
  },
  "workflow-invalid": {
    code: sdkCodes.recordWorkflowInvalid,
    path: ["workflow"],
  },
  "duplicate-id": { code: sdkCodes.recordDuplicateId, path: ["workflow_id"] },
  "too-large": { code: sdkCodes.recordTooLarge, path: undefined },
  encoding: { code: sdkCodes.recordEncoding, path: undefined },
} as const satisfies Record<
  BadRecordKind,
  {
    readonly code: string;
    readonly path: readonly (string | number)[] | undefined;
  }
>;

/** The kinds a Parquet file can hold (the others are about JSONL text). */
export const parquetBadKinds: readonly BadRecordKind[] = [
  "missing-field",
  "invalid-field",
  "invalid-timestamp",
  "workflow-invalid",
  "duplicate-id",
];

export interface GeneratorOptions {
  /** Records to write, bad ones included. */
  readonly count: number;
  readonly seed: number;
  /** The reference time runs are spread around (ISO 8601). */
  readonly now: string;
  /** Distinct merchants; `max(3, ⌈count / 20⌉)` by default. */
  readonly merchants?: number;
  /** Zipf exponent of the merchant sizes; 1.1 by default. */
  readonly zipf?: number;
  /** Bad records at 1-based positions. */
  readonly bad?: readonly {
    readonly at: number;
    readonly kind: BadRecordKind;
  }[];
  /** Share of records whose workflow is an object instead of text; 0.2 by default. */
  readonly objectShare?: number;
  /** How long a `too-large` line is, in bytes (above the reader's cap); 17 MiB by default. */
  readonly tooLargeBytes?: number;
}

export interface GeneratedRecord {
  /** 1-based position (the JSONL line number, the Parquet row number). */
  readonly index: number;
  readonly value: { readonly [key: string]: JsonValue };
  readonly bad?: BadRecordKind;
}

interface CorpusDocument {
  readonly id: string;
  readonly value: { readonly [key: string]: JsonValue };
}

// Read once per process and never changed: the corpus is fixed input to every generator.
let corpusCache: readonly CorpusDocument[] | undefined;

/** The corpus workflow documents as plain JSON values (export prefixes stripped). */
export function corpusDocuments(): readonly CorpusDocument[] {
  if (corpusCache !== undefined) return corpusCache;
  corpusCache = (findWorkflowFiles(corpusDir) ?? []).map((file) => {
    const text = readFileSync(file, "utf8").replace(/^[0-9a-f]{64}:/, "");
    return {
      id: file.slice(corpusDir.length + 1),
      value: JSON.parse(text) as { readonly [key: string]: JsonValue },
    };
  });
  return corpusCache;
}

/** A small seeded generator (mulberry32) over a hash of the seed and a purpose. */
export function random(seed: number, purpose: string): () => number {
  let state = createHash("sha256")
    .update(`${seed}\u0000${purpose}`)
    .digest()
    .readUInt32BE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function short(seed: number, text: string, length: number): string {
  return createHash("sha256")
    .update(`${seed}\u0000${text}`)
    .digest("hex")
    .slice(0, length);
}

function isArray(v: JsonValue): v is readonly JsonValue[] {
  return Array.isArray(v);
}

/** Literals changed, structure kept: the title, condition numbers and quoted strings, tag names. */
export function varyWorkflow(
  value: JsonValue,
  rng: () => number,
  variant: number,
): JsonValue {
  const walk = (v: JsonValue, key: string | undefined): JsonValue => {
    if (isArray(v)) return v.map((item) => walk(item, undefined));
    if (typeof v === "object" && v !== null) {
      const out: { [key: string]: JsonValue } = {};
      const fieldId = v["config_field_id"];
      for (const [k, child] of Object.entries(v))
        out[k] =
          k === "value" && typeof child === "string"
            ? varyConfig(String(fieldId ?? ""), child)
            : walk(child, k);
      return out;
    }
    if (key === "workflow_name" && typeof v === "string")
      return `${v} (${variant})`;
    return v;
  };
  const varyConfig = (fieldId: string, text: string): string => {
    if (fieldId === "condition" && !text.trimStart().startsWith("{"))
      return text
        .replace(
          /(>=|<=|>|<)\s*(\d+)(\.\d+)?/g,
          (_m, op: string) => `${op} ${Math.floor(rng() * 500)}`,
        )
        .replace(
          /'([A-Za-z][^'\\]*)'/g,
          (_m, s: string) => `'${s}${variant % 7}'`,
        );
    if (fieldId === "tags" && text.startsWith("[")) {
      try {
        const tags: unknown = JSON.parse(text);
        if (Array.isArray(tags) && tags.every((t) => typeof t === "string"))
          return JSON.stringify(
            tags.map((t: string) => `${t}-${variant % 13}`),
          );
      } catch {
        return text;
      }
    }
    return text;
  };
  return walk(value, undefined);
}

/** `2026-11-20T08:00:00Z`, or with a `+02:00`/`-05:00` offset in local time. */
function isoAt(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000)
    .toISOString()
    .slice(0, 19);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes > 0 ? "+" : "-";
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${local}${sign}${hh}:${mm}`;
}

const DAY = 86_400_000;

/** The records, one at a time. */
export function* generateRecords(
  options: GeneratorOptions,
): Generator<GeneratedRecord> {
  const docs = corpusDocuments();
  const now = Date.parse(options.now);
  const merchantCount =
    options.merchants ?? Math.max(3, Math.ceil(options.count / 20));
  const s = options.zipf ?? 1.1;
  // Cumulative Zipf weights, one per merchant (merchants, not records).
  const cdf: number[] = [];
  let total = 0;
  for (let r = 1; r <= merchantCount; r++) {
    total += 1 / r ** s;
    cdf.push(total);
  }
  const bad = new Map((options.bad ?? []).map((b) => [b.at, b.kind]));
  const rng = random(options.seed, "records");
  let lastGoodId: string | undefined;
  for (let index = 1; index <= options.count; index++) {
    const u = rng() * total;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] ?? 0) < u) lo = mid + 1;
      else hi = mid;
    }
    const doc = docs[Math.floor(rng() * docs.length)] ?? docs[0];
    if (doc === undefined) throw new Error("the corpus has no workflows");
    const workflow = varyWorkflow(doc.value, rng, index);
    const offset = [0, 0, 0, 120, -300][Math.floor(rng() * 5)] ?? 0;
    const roll = rng();
    const lastRun =
      roll < 0.1
        ? null
        : now - (roll < 0.75 ? rng() * 30 : 30 + rng() * 335) * DAY;
    const recent = lastRun !== null && now - lastRun <= 30 * DAY;
    const runs30 = recent ? 1 + Math.floor(rng() * 200) : 0;
    const created = (lastRun ?? now) - (1 + rng() * 400) * DAY;
    const updated = created + rng() * ((lastRun ?? now) - created);
    const value: { [key: string]: JsonValue } = {
      workflow_id: `wf-${short(options.seed, `id${index}`, 10)}`,
      merchant_id: `m-${short(options.seed, `merchant${lo}`, 8)}`,
      workflow:
        rng() < (options.objectShare ?? 0.2)
          ? workflow
          : JSON.stringify(workflow, null, 2),
      last_run_at: lastRun === null ? null : isoAt(lastRun, offset),
      runs_last_30_days: runs30,
      runs_total: runs30 + Math.floor(rng() * 5000),
      enabled: rng() < 0.9,
      created_at: isoAt(created, offset),
      updated_at: isoAt(updated, 0),
      ...(rng() < 0.3 ? { plan: rng() < 0.5 ? "basic" : "plus" } : {}),
    };
    const kind = bad.get(index);
    if (kind === undefined) {
      lastGoodId = String(value["workflow_id"]);
      yield { index, value };
    } else
      yield {
        index,
        value: spoil(kind, value, lastGoodId, options),
        bad: kind,
      };
  }
}

function spoil(
  kind: BadRecordKind,
  value: { readonly [key: string]: JsonValue },
  lastGoodId: string | undefined,
  options: GeneratorOptions,
): { readonly [key: string]: JsonValue } {
  switch (kind) {
    case "missing-field": {
      const { merchant_id: _dropped, ...rest } = value;
      return rest;
    }
    case "invalid-field":
      return { ...value, runs_total: -3 };
    case "invalid-timestamp":
      return { ...value, last_run_at: "2026-11-20 08:00:00" };
    case "workflow-invalid":
      return { ...value, workflow: '{"root": {"steps": ' };
    case "duplicate-id":
      return { ...value, workflow_id: lastGoodId ?? "wf-none" };
    case "too-large":
      return {
        ...value,
        padding: "x".repeat(options.tooLargeBytes ?? 17 * 1024 * 1024),
      };
    case "json-syntax":
    case "duplicate-key":
    case "not-object":
    case "encoding":
      return value;
  }
}

/** The JSONL line of a record (no newline); bytes for the `encoding` kind. */
export function recordLine(record: GeneratedRecord): string | Uint8Array {
  const text = JSON.stringify(record.value);
  switch (record.bad) {
    case "json-syntax":
      return text.replace('"merchant_id":', '"merchant_id" ');
    case "duplicate-key":
      return `${text.slice(0, -1)},"merchant_id":"m-again"}`;
    case "not-object":
      return `[${JSON.stringify(record.value["workflow_id"])}]`;
    case "encoding": {
      const bytes = Buffer.from(text, "utf8");
      const at = bytes.indexOf('"wf-') + 2;
      return Buffer.concat([
        bytes.subarray(0, at),
        Buffer.from([0xff]),
        bytes.subarray(at),
      ]);
    }
    default:
      return text;
  }
}

/** Writes the records as JSONL, one line per record (record number = line number). */
export async function writeRecordsJsonl(
  path: string,
  options: GeneratorOptions,
): Promise<void> {
  const handle = await open(path, "w");
  try {
    let pending: Buffer[] = [];
    let size = 0;
    for (const record of generateRecords(options)) {
      const line = recordLine(record);
      const bytes =
        typeof line === "string"
          ? Buffer.from(`${line}\n`)
          : Buffer.concat([line, Buffer.from("\n")]);
      pending.push(bytes);
      size += bytes.length;
      if (size > 1 << 20) {
        await handle.write(Buffer.concat(pending));
        pending = [];
        size = 0;
      }
    }
    await handle.write(Buffer.concat(pending));
  } finally {
    await handle.close();
  }
}

/** The text a reader makes of a workflow object: 2-space pretty JSON, the object's key order. */
export function workflowText(workflow: JsonValue): string {
  return typeof workflow === "string"
    ? workflow
    : printJson(valueToJson(workflow), prettyStyle);
}

const parquetColumns = [
  ["workflow_id", "VARCHAR"],
  ["merchant_id", "VARCHAR"],
  ["workflow", "VARCHAR"],
  ["last_run_at", "VARCHAR"],
  ["runs_last_30_days", "BIGINT"],
  ["runs_total", "BIGINT"],
  ["enabled", "BOOLEAN"],
  ["created_at", "VARCHAR"],
  ["updated_at", "VARCHAR"],
  ["plan", "VARCHAR"],
] as const;

/**
 * Writes the same records as a Parquet file through DuckDB (an appender into a temporary
 * table, then `COPY … (FORMAT parquet)`); a missing key is NULL. Only `parquetBadKinds`
 * can be injected.
 */
export async function writeRecordsParquet(
  path: string,
  options: GeneratorOptions,
): Promise<void> {
  for (const b of options.bad ?? [])
    if (!parquetBadKinds.includes(b.kind))
      throw new Error(`a Parquet file cannot hold a ${b.kind} record`);
  await rm(path, { force: true });
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const connection = await instance.connect();
  try {
    await connection.run(
      `CREATE TABLE records (${parquetColumns.map(([n, t]) => `${n} ${t}`).join(", ")})`,
    );
    const appender = await connection.createAppender("records");
    for (const { value } of generateRecords(options)) {
      for (const [name, type] of parquetColumns) {
        const v = value[name];
        if (v === undefined || v === null) appender.appendNull();
        else if (type === "BIGINT") appender.appendBigInt(BigInt(Number(v)));
        else if (type === "BOOLEAN") appender.appendBoolean(v === true);
        else
          appender.appendVarchar(
            name === "workflow" ? workflowText(v) : String(v),
          );
      }
      appender.endRow();
    }
    appender.closeSync();
    await connection.run(
      `COPY records TO '${path.replaceAll("'", "''")}' (FORMAT parquet)`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
