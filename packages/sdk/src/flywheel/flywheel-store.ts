import { DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import type { Result } from "@flowpy/transpiler";
import { sdkCodes } from "../sdk-codes.js";

/** A row read back from the store, values as JSON (BIGINT as decimal strings). */
export type FlywheelStoreRow = Readonly<Record<string, unknown>>;

/** What the flywheel needs of the dataset store (`src/store/`'s `DatasetStore` has all of it). */
export interface FlywheelStore {
  run(sql: string, params?: readonly DuckDBValue[]): Promise<void>;
  all(
    sql: string,
    params?: readonly DuckDBValue[],
  ): Promise<FlywheelStoreRow[]>;
  transaction<T>(work: () => Promise<T>): Promise<T>;
  close(): void;
}

/**
 * The flywheel's tables, a migration of the dataset store's schema:
 *
 * - `flywheel_weeks`: one per dataset and week run: the input's sha256 (conversations,
 *   judge, gating), the dataset version it made, the judge's model and prompt, the summary.
 * - `flywheel_decisions`: one per non-blank input line: route, reason code, message, the
 *   conversation id when readable, its tags and judge verdicts, and the redacted
 *   conversation (for a quarantined line, the redacted raw line).
 * - `flywheel_rows`: the training rows: dataset, row id, the version that added it, week,
 *   source conversation, the serialized row.
 * - `flywheel_lineage`: row → conversation, input line, week, judge model, prompt version
 *   and hash, routing reason.
 * - `flywheel_versions`: dataset, version, parent version, week, row count and the sha256
 *   of the version's exported rows.
 */
export const flywheelMigration = {
  description: "flywheel weeks, decisions, rows, lineage and dataset versions",
  statements: [
    `CREATE TABLE flywheel_weeks (
      dataset_name VARCHAR NOT NULL,
      week VARCHAR NOT NULL,
      input_sha256 VARCHAR NOT NULL,
      dataset_version BIGINT NOT NULL,
      parent_version BIGINT,
      judge_id VARCHAR NOT NULL,
      summary_json VARCHAR NOT NULL,
      PRIMARY KEY (dataset_name, week)
    )`,
    `CREATE TABLE flywheel_decisions (
      dataset_name VARCHAR NOT NULL,
      week VARCHAR NOT NULL,
      line_no BIGINT NOT NULL,
      conversation_id VARCHAR,
      route VARCHAR NOT NULL,
      reason VARCHAR NOT NULL,
      message VARCHAR NOT NULL,
      tags_json VARCHAR,
      judge_json VARCHAR,
      redacted_json VARCHAR NOT NULL,
      PRIMARY KEY (dataset_name, week, line_no)
    )`,
    `CREATE TABLE flywheel_rows (
      dataset_name VARCHAR NOT NULL,
      row_id VARCHAR NOT NULL,
      added_version BIGINT NOT NULL,
      week VARCHAR NOT NULL,
      conversation_id VARCHAR NOT NULL,
      row_json VARCHAR NOT NULL,
      PRIMARY KEY (dataset_name, row_id)
    )`,
    `CREATE TABLE flywheel_lineage (
      dataset_name VARCHAR NOT NULL,
      row_id VARCHAR NOT NULL,
      conversation_id VARCHAR NOT NULL,
      line_no BIGINT NOT NULL,
      week VARCHAR NOT NULL,
      judge_model VARCHAR NOT NULL,
      prompt_version VARCHAR NOT NULL,
      prompt_sha256 VARCHAR NOT NULL,
      reason VARCHAR NOT NULL,
      PRIMARY KEY (dataset_name, row_id)
    )`,
    `CREATE TABLE flywheel_versions (
      dataset_name VARCHAR NOT NULL,
      version BIGINT NOT NULL,
      parent_version BIGINT,
      week VARCHAR NOT NULL,
      row_count BIGINT NOT NULL,
      rows_sha256 VARCHAR NOT NULL,
      PRIMARY KEY (dataset_name, version)
    )`,
  ],
} as const;

/**
 * STAND-IN for `openDatasetStore` (the pipeline part, not yet on main): opens or creates a
 * DuckDB file and applies `flywheelMigration` once. Removed once `src/store/` lands, where
 * the migration joins the store's own list.
 */
export async function openFlywheelStore(
  path: string,
): Promise<Result<FlywheelStore>> {
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path);
  } catch (e) {
    return {
      ok: false,
      diagnostics: [
        {
          code: sdkCodes.flywheelStoreUnavailable,
          severity: "error",
          message: `cannot open the store ${path}: ${e instanceof Error ? e.message : String(e)}`,
        },
      ],
    };
  }
  const connection = await instance.connect();
  const run = async (sql: string, params?: readonly DuckDBValue[]) => {
    await connection.run(sql, params === undefined ? undefined : [...params]);
  };
  const all = async (sql: string, params?: readonly DuckDBValue[]) =>
    (
      await connection.runAndReadAll(
        sql,
        params === undefined ? undefined : [...params],
      )
    ).getRowObjectsJson() as FlywheelStoreRow[];
  const transaction = async <T>(work: () => Promise<T>): Promise<T> => {
    await run("BEGIN TRANSACTION");
    try {
      const value = await work();
      await run("COMMIT");
      return value;
    } catch (e) {
      await run("ROLLBACK");
      throw e;
    }
  };
  const present = await all(
    "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'flywheel_weeks'",
  );
  if (Number(present[0]?.["n"] ?? 0) === 0)
    await transaction(async () => {
      for (const s of flywheelMigration.statements) await run(s);
    });
  return {
    ok: true,
    value: {
      run,
      all,
      transaction,
      close: () => {
        connection.closeSync();
        instance.closeSync();
      },
    },
    diagnostics: [],
  };
}
