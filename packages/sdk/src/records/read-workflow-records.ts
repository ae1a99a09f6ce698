import { stat } from "node:fs/promises";
import {
  codes,
  jsonToValue,
  parseJson,
  prettyStyle,
  printJson,
  type Diagnostic,
  type JsonNode,
  type Span,
} from "@flowpy/transpiler";
import { sdkCodes } from "../sdk-codes.js";
import { jsonlLines, keptBytes, type JsonlLine } from "./jsonl-lines.js";
import { parquetRows } from "./parquet-records.js";
import { checkWorkflowRecord, type WorkflowRecord } from "./workflow-record.js";

/**
 * What reading one record gave. `index` is the 1-based record number: the line number in a
 * JSONL file (blank lines count), the row number in a Parquet file, the position in a
 * folder's sorted file list; 0 stands for the source as a whole (it could not be read).
 */
export type RecordOutcome =
  | {
      readonly ok: true;
      readonly index: number;
      readonly record: WorkflowRecord;
    }
  | {
      readonly ok: false;
      readonly index: number;
      /** The record as it was: the JSONL line, the Parquet row as JSON, the file's text. */
      readonly raw: string;
      readonly diagnostics: readonly Diagnostic[];
      /** The record's `workflow_id` when it had a readable one, for the quarantine file. */
      readonly workflowId?: string;
    };

export type RecordFormat = "jsonl" | "parquet";

export interface ReadRecordsOptions {
  /** By the file extension by default: `.parquet` is Parquet, anything else JSONL. */
  readonly format?: RecordFormat;
  /** A JSONL line longer than this (in bytes) is a `record-too-large` record; 16 MiB by default. */
  readonly maxLineBytes?: number;
}

export const defaultMaxLineBytes = 16 * 1024 * 1024;

/**
 * Streams the records of a JSONL or Parquet file with bounded memory (one chunk and one
 * record at a time, plus the set of workflow ids seen, to report duplicates). Every record
 * comes out either valid or bad with located diagnostics; nothing is skipped but blank
 * JSONL lines, and nothing throws: a source that cannot be read gives one bad outcome with
 * record number 0.
 */
export async function* readWorkflowRecords(
  path: string,
  options: ReadRecordsOptions = {},
): AsyncGenerator<RecordOutcome> {
  const format =
    options.format ?? (/\.parquet$/i.test(path) ? "parquet" : "jsonl");
  const unreadable = await sourceProblem(path);
  if (unreadable !== undefined) {
    yield sourceFailure(path, unreadable);
    return;
  }
  const seen = new Set<string>();
  const unique = (outcome: RecordOutcome, raw: string): RecordOutcome => {
    if (!outcome.ok) return outcome;
    const id = outcome.record.workflow_id;
    if (!seen.has(id)) {
      seen.add(id);
      return outcome;
    }
    return {
      ok: false,
      index: outcome.index,
      raw,
      workflowId: id,
      diagnostics: [
        {
          code: sdkCodes.recordDuplicateId,
          severity: "error",
          message: `workflow_id ${JSON.stringify(id)} came earlier in this record set`,
          path: ["workflow_id"],
        },
      ],
    };
  };
  try {
    if (format === "parquet") {
      for await (const row of parquetRows(path))
        yield unique(
          row.ok
            ? withRaw(
                row.index,
                row.raw,
                checkWorkflowRecord(row.value),
                row.value,
              )
            : {
                ok: false,
                index: row.index,
                raw: row.raw,
                diagnostics: row.diagnostics,
              },
          row.raw,
        );
      return;
    }
    const cap = options.maxLineBytes ?? defaultMaxLineBytes;
    for await (const line of jsonlLines(path, cap)) {
      const outcome = jsonlRecord(line, cap);
      if (outcome !== undefined) yield unique(outcome, line.text);
    }
  } catch (cause) {
    yield sourceFailure(
      path,
      cause instanceof Error ? cause.message : String(cause),
    );
  }
}

async function sourceProblem(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? undefined : "it is not a file";
  } catch (cause) {
    return cause instanceof Error ? cause.message : String(cause);
  }
}

/** The outcome (record 0) for a source that cannot be read at all. */
export function sourceFailure(path: string, reason: string): RecordOutcome {
  return {
    ok: false,
    index: 0,
    raw: "",
    diagnostics: [
      {
        code: sdkCodes.recordSourceUnreadable,
        severity: "error",
        message: `cannot read records from ${path}: ${reason}`,
      },
    ],
  };
}

function withRaw(
  index: number,
  raw: string,
  checked: ReturnType<typeof checkWorkflowRecord>,
  value: unknown,
): RecordOutcome {
  if (checked.ok) return { ok: true, index, record: checked.value };
  const id =
    typeof value === "object" && value !== null && "workflow_id" in value
      ? (value as { workflow_id: unknown }).workflow_id
      : undefined;
  return {
    ok: false,
    index,
    raw,
    diagnostics: checked.diagnostics,
    ...(typeof id === "string" ? { workflowId: id } : {}),
  };
}

function lineSpan(line: JsonlLine, column = 1, width = 1): Span {
  const start = line.offset + column - 1;
  return {
    start: { offset: start, line: line.number, column },
    end: { offset: start + width, line: line.number, column: column + width },
  };
}

function jsonlRecord(line: JsonlLine, cap: number): RecordOutcome | undefined {
  const bad = (diagnostics: readonly Diagnostic[]): RecordOutcome => ({
    ok: false,
    index: line.number,
    raw: line.text,
    diagnostics,
  });
  if (line.problem?.kind === "too-large")
    return bad([
      {
        code: sdkCodes.recordTooLarge,
        severity: "error",
        message: `line ${line.number} is ${line.problem.bytes} bytes, over the cap of ${cap}; the quarantine keeps its first ${keptBytes} bytes`,
        span: lineSpan(line),
      },
    ]);
  if (line.problem?.kind === "encoding") {
    const at = line.text.indexOf("\uFFFD");
    return bad([
      {
        code: sdkCodes.recordEncoding,
        severity: "error",
        message: `line ${line.number} is not valid UTF-8; the quarantine keeps it with U+FFFD for the bad bytes`,
        span: lineSpan(line, at + 1),
      },
    ]);
  }
  if (line.text.trim() === "") return undefined;
  const parsed = parseJson(line.text, { spans: false, maxLength: Infinity });
  if (!parsed.ok)
    return bad(
      parsed.diagnostics.map(({ span, ...d }): Diagnostic => ({
        ...d,
        code:
          d.code === codes.jsonDuplicateKey
            ? sdkCodes.recordDuplicateKey
            : sdkCodes.recordJsonSyntax,
        message:
          span === undefined
            ? d.message
            : `${line.number}:${span.start.column}: ${d.message}`,
        ...(span === undefined
          ? {}
          : {
              span: lineSpan(
                line,
                span.start.column,
                Math.max(1, span.end.offset - span.start.offset),
              ),
            }),
      })),
    );
  const value = recordValue(parsed.value);
  return withRaw(line.number, line.text, checkWorkflowRecord(value), value);
}

/**
 * The plain value of a record; a `workflow` given as an object is printed from the lossless
 * node first (2-space pretty, its own key order and number spellings), so `1.0` stays `1.0`.
 */
function recordValue(node: JsonNode): unknown {
  if (node.kind !== "object") return jsonToValue(node);
  const value = jsonToValue(node) as Record<string, unknown>;
  const workflow = node.entries.find((e) => e.key === "workflow")?.value;
  if (workflow?.kind === "object")
    value["workflow"] = printJson(workflow, prettyStyle);
  return value;
}
