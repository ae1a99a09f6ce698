import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostic, Result } from "@flowpy/transpiler";
import { sdkCodes } from "../sdk-codes.js";
import { sha256Hex } from "../sha256-hex.js";
import type { FlywheelStore } from "./flywheel-store.js";

/** The exported text of one dataset version. */
export interface FlywheelVersionFiles {
  /** One row per line, by row id. */
  readonly train: string;
  /** One lineage record per line, by row id: row → conversation, line, week, judge model, prompt version and hash, reason. */
  readonly lineage: string;
  readonly rowCount: number;
}

/** The rows of `version` (every row added by it or an earlier version), as exported text. */
export async function flywheelVersionFiles(
  store: FlywheelStore,
  datasetName: string,
  version: number,
): Promise<FlywheelVersionFiles> {
  const rows = await store.all(
    `SELECT r.row_json, l.row_id, l.conversation_id, l.line_no, l.week, l.judge_model,
            l.prompt_version, l.prompt_sha256, l.reason, r.added_version
       FROM flywheel_rows r JOIN flywheel_lineage l USING (dataset_name, row_id)
      WHERE r.dataset_name = ? AND r.added_version <= ?
      ORDER BY r.row_id`,
    [datasetName, version],
  );
  const lines = (values: readonly string[]) =>
    values.map((v) => `${v}\n`).join("");
  return {
    train: lines(rows.map((r) => String(r["row_json"]))),
    lineage: lines(
      rows.map((r) =>
        JSON.stringify({
          row_id: r["row_id"],
          dataset: datasetName,
          added_in_version: Number(r["added_version"]),
          conversation_id: r["conversation_id"],
          line: Number(r["line_no"]),
          week: r["week"],
          judge_model: r["judge_model"],
          prompt_version: r["prompt_version"],
          prompt_sha256: r["prompt_sha256"],
          reason: r["reason"],
        }),
      ),
    ),
    rowCount: rows.length,
  };
}

function notRun(message: string): Result<never> {
  const d: Diagnostic = {
    code: sdkCodes.flywheelWeekNotRun,
    severity: "error",
    message,
  };
  return { ok: false, diagnostics: [d] };
}

/** The latest version of a dataset, 0 when it has none. */
export async function latestFlywheelVersion(
  store: FlywheelStore,
  datasetName = "flywheel",
): Promise<number> {
  const found = await store.all(
    "SELECT coalesce(max(version), 0) AS v FROM flywheel_versions WHERE dataset_name = ?",
    [datasetName],
  );
  return Number(found[0]?.["v"] ?? 0);
}

/**
 * Writes `train.jsonl` and `lineage.jsonl` of a dataset version (the latest by default) to
 * `dir`, and returns their sha256s. Same store state → byte-identical files.
 */
export async function exportFlywheelDataset(
  store: FlywheelStore,
  options: {
    readonly dir: string;
    readonly datasetName?: string;
    readonly version?: number;
  },
): Promise<
  Result<{
    readonly version: number;
    readonly rowCount: number;
    readonly sha256: Readonly<Record<string, string>>;
  }>
> {
  const name = options.datasetName ?? "flywheel";
  const version = options.version ?? (await latestFlywheelVersion(store, name));
  if (version !== 0) {
    const known = await store.all(
      "SELECT 1 FROM flywheel_versions WHERE dataset_name = ? AND version = ?",
      [name, version],
    );
    if (known.length === 0) return notRun(`${name} has no version ${version}`);
  }
  const files = await flywheelVersionFiles(store, name, version);
  await mkdir(options.dir, { recursive: true });
  await writeFile(join(options.dir, "train.jsonl"), files.train);
  await writeFile(join(options.dir, "lineage.jsonl"), files.lineage);
  return {
    ok: true,
    value: {
      version,
      rowCount: files.rowCount,
      sha256: {
        "lineage.jsonl": sha256Hex(files.lineage),
        "train.jsonl": sha256Hex(files.train),
      },
    },
    diagnostics: [],
  };
}

/**
 * Undoes a week: removes its decisions, its rows and their lineage, and the dataset version
 * it made, in one transaction, so the previous version is the latest again and exports
 * exactly as before. Only the latest week can be rolled back (`flywheel-rollback-not-latest`).
 */
export async function rollbackFlywheelWeek(
  store: FlywheelStore,
  week: string,
  datasetName = "flywheel",
): Promise<
  Result<{
    readonly week: string;
    readonly removedVersion: number;
    readonly restoredVersion: number;
  }>
> {
  const found = await store.all(
    "SELECT dataset_version, parent_version FROM flywheel_weeks WHERE dataset_name = ? AND week = ?",
    [datasetName, week],
  );
  const row = found[0];
  if (row === undefined)
    return notRun(`${week} has no flywheel run in ${datasetName}`);
  const version = Number(row["dataset_version"]);
  const latest = await latestFlywheelVersion(store, datasetName);
  if (version !== latest) {
    const d: Diagnostic = {
      code: sdkCodes.flywheelRollbackNotLatest,
      severity: "error",
      message: `${week} made version ${version}, but version ${latest} was built on it; roll back the later weeks first`,
    };
    return { ok: false, diagnostics: [d] };
  }
  await store.transaction(async () => {
    await store.run(
      "DELETE FROM flywheel_lineage WHERE dataset_name = ? AND row_id IN (SELECT row_id FROM flywheel_rows WHERE dataset_name = ? AND added_version = ?)",
      [datasetName, datasetName, version],
    );
    await store.run(
      "DELETE FROM flywheel_rows WHERE dataset_name = ? AND added_version = ?",
      [datasetName, version],
    );
    await store.run(
      "DELETE FROM flywheel_versions WHERE dataset_name = ? AND version = ?",
      [datasetName, version],
    );
    await store.run(
      "DELETE FROM flywheel_decisions WHERE dataset_name = ? AND week = ?",
      [datasetName, week],
    );
    await store.run(
      "DELETE FROM flywheel_weeks WHERE dataset_name = ? AND week = ?",
      [datasetName, week],
    );
  });
  const parent = row["parent_version"];
  return {
    ok: true,
    value: {
      week,
      removedVersion: version,
      restoredVersion:
        parent === null || parent === undefined ? 0 : Number(parent),
    },
    diagnostics: [],
  };
}

/** The stored summary of a week's run (what `runFlywheelWeek` returned), as JSON text. */
export async function flywheelWeekSummary(
  store: FlywheelStore,
  week: string,
  datasetName = "flywheel",
): Promise<Result<string>> {
  const found = await store.all(
    "SELECT summary_json FROM flywheel_weeks WHERE dataset_name = ? AND week = ?",
    [datasetName, week],
  );
  const row = found[0];
  return row === undefined
    ? notRun(`${week} has no flywheel run in ${datasetName}`)
    : { ok: true, value: String(row["summary_json"]), diagnostics: [] };
}
