import { DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import type { Diagnostic } from "@flowpy/transpiler";
import type { JsonValue } from "../conversation/chat-message.js";
import { sdkCodes } from "../sdk-codes.js";

/** One Parquet row as a plain record value, or why it could not be converted. */
export type ParquetRow =
  | {
      readonly ok: true;
      readonly index: number;
      /** The row as JSON (every column, NULL as null), for the quarantine file. */
      readonly raw: string;
      /** The row as a record value: NULL columns left out, except `last_run_at` (null = never ran). */
      readonly value: { readonly [column: string]: JsonValue };
    }
  | {
      readonly ok: false;
      readonly index: number;
      readonly raw: string;
      readonly diagnostics: readonly Diagnostic[];
    };

/** How a column is selected and turned into JSON; picked from the column's DuckDB type. */
type ColumnKind =
  | "text"
  | "boolean"
  | "integer"
  | "float"
  | "timestamp-tz"
  | "timestamp"
  | "json";

interface Column {
  readonly name: string;
  readonly kind: ColumnKind;
}

function columnKind(type: string): ColumnKind {
  if (type === "VARCHAR") return "text";
  if (type === "BOOLEAN") return "boolean";
  if (/^U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)$/.test(type))
    return "integer";
  if (type === "FLOAT" || type === "DOUBLE" || type.startsWith("DECIMAL"))
    return "float";
  if (type === "TIMESTAMP WITH TIME ZONE") return "timestamp-tz";
  if (/^TIMESTAMP(_S|_MS|_NS)?$/.test(type)) return "timestamp";
  return "json";
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

const selectExpression = {
  text: (c) => c,
  boolean: (c) => c,
  integer: (c) => c,
  float: (c) => `CAST(${c} AS DOUBLE)`,
  "timestamp-tz": (c) => `epoch_us(${c})`,
  timestamp: (c) => `epoch_us(${c})`,
  json: (c) => `CAST(to_json(${c}) AS VARCHAR)`,
} satisfies Record<ColumnKind, (column: string) => string>;

/** `2026-11-24T06:00:00.000Z` from microseconds since the epoch; no offset for naive timestamps. */
function isoFromMicros(micros: bigint, zoned: boolean): string {
  const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n);
  const rest = micros - ms * 1000n;
  const iso = new Date(Number(ms)).toISOString().slice(0, -1);
  const fraction = rest === 0n ? "" : String(rest).padStart(3, "0");
  return `${iso}${fraction}${zoned ? "Z" : ""}`;
}

function integer(value: number | bigint): JsonValue {
  if (typeof value === "number") return value;
  const n = Number(value);
  // Beyond 2^53 a double would change the value; the digits stay exact as text.
  return Number.isSafeInteger(n) ? n : String(value);
}

function toJson(kind: ColumnKind, value: DuckDBValue): JsonValue {
  if (value === null) return null;
  switch (kind) {
    case "text":
    case "boolean":
    case "float":
      return typeof value === "string" ||
        typeof value === "boolean" ||
        typeof value === "number"
        ? value
        : String(value);
    case "integer":
      return typeof value === "number" || typeof value === "bigint"
        ? integer(value)
        : String(value);
    case "timestamp-tz":
    case "timestamp":
      return typeof value === "bigint" || typeof value === "number"
        ? isoFromMicros(BigInt(value), kind === "timestamp-tz")
        : String(value);
    case "json":
      return typeof value === "string"
        ? (JSON.parse(value) as JsonValue)
        : null;
  }
}

/**
 * The rows of a Parquet file, in file order, converted chunk by chunk (DuckDB streams
 * `read_parquet` one vector of rows at a time, so memory does not grow with the file).
 * Runs its own in-memory DuckDB with one thread, closed when the iteration ends.
 */
export async function* parquetRows(path: string): AsyncGenerator<ParquetRow> {
  const instance = await DuckDBInstance.create(":memory:", { threads: "1" });
  const connection = await instance.connect();
  try {
    const source = `read_parquet('${path.replaceAll("'", "''")}', file_row_number = true)`;
    const described = await connection.runAndReadAll(
      `DESCRIBE SELECT * FROM ${source}`,
    );
    const columns: Column[] = described
      .getRowObjects()
      .map((row) => ({
        name: String(row["column_name"]),
        kind: columnKind(String(row["column_type"])),
      }))
      .filter((c) => c.name !== "file_row_number");
    const select = columns
      .map(
        (c, i) =>
          `${selectExpression[c.kind](quoteIdentifier(c.name))} AS c${i}`,
      )
      .join(", ");
    const result = await connection.stream(
      `SELECT ${select}${columns.length > 0 ? ", " : ""}file_row_number FROM ${source}`,
    );
    for await (const rows of result.yieldRows()) {
      for (const row of rows) {
        const index = Number(row[columns.length]) + 1;
        const all: { [column: string]: JsonValue } = {};
        const value: { [column: string]: JsonValue } = {};
        try {
          columns.forEach((c, i) => {
            const v = toJson(c.kind, row[i] ?? null);
            all[c.name] = v;
            if (v !== null || c.name === "last_run_at") value[c.name] = v;
          });
        } catch (cause) {
          yield {
            ok: false,
            index,
            raw: JSON.stringify(all),
            diagnostics: [
              {
                code: sdkCodes.recordInvalidField,
                severity: "error",
                message: `row ${index}: a column value does not convert to JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
              },
            ],
          };
          continue;
        }
        yield { ok: true, index, raw: JSON.stringify(all), value };
      }
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
