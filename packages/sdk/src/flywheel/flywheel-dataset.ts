import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic, Result } from "@flowpy/transpiler";
import type { ConversationTags } from "../eval/slices/conversation-tags.js";
import { atomicWriter } from "../pipeline/atomic-file.js";
import { sdkCodes } from "../sdk-codes.js";
import type { FlywheelStore } from "./flywheel-store.js";
import type { Route, RouteReason } from "./route-conversation.js";

/** What happened to one non-blank input line of a week. */
export interface FlywheelDecision {
  readonly line: number;
  readonly conversationId: string | null;
  readonly route: Route;
  readonly reason: RouteReason;
  /** For a bad line `line:column: code: what`; for a judged one the verdicts, non-gating facets marked. */
  readonly message: string;
  readonly requestKind: ConversationTags["requestKind"] | null;
}

/** The exported text of one dataset version. */
export interface FlywheelVersionFiles {
  /** One row per line, by row id. */
  readonly train: string;
  /** One lineage record per line, by row id: row → conversation, line, week, judge model, prompt version and hash, reason. */
  readonly lineage: string;
  readonly rowCount: number;
}

/** One row of a version and its lineage record, each a line without its newline. */
export interface FlywheelVersionRow {
  readonly row: string;
  readonly lineage: string;
}

/**
 * The rows of `version` (every row added by it or an earlier version) in row-id order,
 * streamed from the store in DuckDB's chunks: memory holds one chunk, whatever the size.
 */
export async function* flywheelVersionRows(
  store: FlywheelStore,
  datasetName: string,
  version: number,
): AsyncGenerator<FlywheelVersionRow> {
  const chunks = store.stream(
    `SELECT r.row_json, l.row_id, l.conversation_id, l.line_no, l.week, l.judge_model,
            l.prompt_version, l.prompt_sha256, l.reason, r.added_version
       FROM flywheel_rows r JOIN flywheel_lineage l USING (dataset_name, row_id)
      WHERE r.dataset_name = ? AND r.added_version <= ?
      ORDER BY r.row_id`,
    [datasetName, version],
  );
  for await (const chunk of chunks)
    for (const r of chunk)
      yield {
        row: String(r["row_json"]),
        lineage: JSON.stringify({
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
      };
}

/** sha256 of a version's `train.jsonl` and its row count, streamed. */
export async function flywheelVersionDigest(
  store: FlywheelStore,
  datasetName: string,
  version: number,
): Promise<{ readonly trainSha256: string; readonly rowCount: number }> {
  const hash = createHash("sha256");
  let rowCount = 0;
  for await (const r of flywheelVersionRows(store, datasetName, version)) {
    hash.update(`${r.row}\n`, "utf8");
    rowCount += 1;
  }
  return { trainSha256: hash.digest("hex"), rowCount };
}

/** The rows of `version` as exported text, in memory (for small versions and tests; `exportFlywheelDataset` streams). */
export async function flywheelVersionFiles(
  store: FlywheelStore,
  datasetName: string,
  version: number,
): Promise<FlywheelVersionFiles> {
  const train: string[] = [];
  const lineage: string[] = [];
  for await (const r of flywheelVersionRows(store, datasetName, version)) {
    train.push(`${r.row}\n`);
    lineage.push(`${r.lineage}\n`);
  }
  return {
    train: train.join(""),
    lineage: lineage.join(""),
    rowCount: train.length,
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
 * `dir`, streamed from the store and each renamed into place whole, and returns their
 * sha256s. Same store state → byte-identical files.
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
  mkdirSync(options.dir, { recursive: true });
  const train = atomicWriter(join(options.dir, "train.jsonl"));
  const lineage = atomicWriter(join(options.dir, "lineage.jsonl"));
  let rowCount = 0;
  for await (const r of flywheelVersionRows(store, name, version)) {
    train.write(`${r.row}\n`);
    lineage.write(`${r.lineage}\n`);
    rowCount += 1;
  }
  const trainDone = train.commit();
  const lineageDone = lineage.commit();
  return {
    ok: true,
    value: {
      version,
      rowCount,
      sha256: {
        "lineage.jsonl": lineageDone.sha256,
        "train.jsonl": trainDone.sha256,
      },
    },
    diagnostics: [],
  };
}

export interface FlywheelRollback {
  readonly week: string;
  /** Every week removed with its version, the one asked for first, then later ones (cascade). */
  readonly removed: readonly {
    readonly week: string;
    readonly version: number;
  }[];
  /** The version the dataset is at now: the rolled-back week's parent (0: none). */
  readonly restoredVersion: number;
}

/**
 * Undoes a week: removes its decisions, its rows and their lineage, and the dataset version
 * it made, in one transaction, so the version it was built on is the latest again and
 * exports byte for byte as before the week ran.
 *
 * A version is never changed once built (a model may have been trained on it), so a week
 * that later weeks were built on (higher versions) is not cut out of them: the rollback is
 * refused with `flywheel-rollback-later-weeks`, naming those weeks and versions, unless
 * `cascade` is set, which rolls them back too. Their conversations files can then be run
 * again; each gives the same decisions and rows as before, in a new version.
 */
export async function rollbackFlywheelWeek(
  store: FlywheelStore,
  week: string,
  options: { readonly datasetName?: string; readonly cascade?: boolean } = {},
): Promise<Result<FlywheelRollback>> {
  const datasetName = options.datasetName ?? "flywheel";
  const found = await store.all(
    "SELECT dataset_version, parent_version FROM flywheel_weeks WHERE dataset_name = ? AND week = ?",
    [datasetName, week],
  );
  const row = found[0];
  if (row === undefined)
    return notRun(`${week} has no flywheel run in ${datasetName}`);
  const version = Number(row["dataset_version"]);
  const later = (
    await store.all(
      "SELECT week, dataset_version FROM flywheel_weeks WHERE dataset_name = ? AND dataset_version > ? ORDER BY dataset_version",
      [datasetName, version],
    )
  ).map((r) => ({
    week: String(r["week"]),
    version: Number(r["dataset_version"]),
  }));
  if (later.length > 0 && options.cascade !== true) {
    const d: Diagnostic = {
      code: sdkCodes.flywheelRollbackLaterWeeks,
      severity: "error",
      message: `${datasetName} ${week} made version ${version}, and later weeks were built on it: ${later
        .map((l) => `${l.week} (version ${l.version})`)
        .join(
          ", ",
        )}; roll those back first (latest first), or roll back with cascade to remove them too`,
    };
    return { ok: false, diagnostics: [d] };
  }
  await store.transaction(async () => {
    await store.run(
      "DELETE FROM flywheel_lineage WHERE dataset_name = ? AND row_id IN (SELECT row_id FROM flywheel_rows WHERE dataset_name = ? AND added_version >= ?)",
      [datasetName, datasetName, version],
    );
    await store.run(
      "DELETE FROM flywheel_rows WHERE dataset_name = ? AND added_version >= ?",
      [datasetName, version],
    );
    await store.run(
      "DELETE FROM flywheel_versions WHERE dataset_name = ? AND version >= ?",
      [datasetName, version],
    );
    await store.run(
      "DELETE FROM flywheel_decisions WHERE dataset_name = ? AND week IN (SELECT week FROM flywheel_weeks WHERE dataset_name = ? AND dataset_version >= ?)",
      [datasetName, datasetName, version],
    );
    await store.run(
      "DELETE FROM flywheel_weeks WHERE dataset_name = ? AND dataset_version >= ?",
      [datasetName, version],
    );
  });
  const parent = row["parent_version"];
  return {
    ok: true,
    value: {
      week,
      removed: [{ week, version }, ...later],
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

/**
 * A week's decisions in line order, streamed from the store (optionally only some routes).
 * Nothing else may run on the store until the iteration ends.
 */
export async function* flywheelWeekDecisions(
  store: FlywheelStore,
  week: string,
  options: {
    readonly datasetName?: string;
    readonly routes?: readonly Route[];
  } = {},
): AsyncGenerator<FlywheelDecision> {
  const routes = options.routes;
  const chunks = store.stream(
    `SELECT line_no, conversation_id, route, reason, message, tags_json
       FROM flywheel_decisions
      WHERE dataset_name = ? AND week = ?${routes === undefined ? "" : ` AND route IN (${routes.map(() => "?").join(", ") || "NULL"})`}
      ORDER BY line_no`,
    [options.datasetName ?? "flywheel", week, ...(routes ?? [])],
  );
  for await (const chunk of chunks)
    for (const r of chunk) {
      const tags = r["tags_json"];
      yield {
        line: Number(r["line_no"]),
        conversationId:
          r["conversation_id"] === null ? null : String(r["conversation_id"]),
        route: r["route"] as Route,
        reason: r["reason"] as RouteReason,
        message: String(r["message"]),
        requestKind:
          typeof tags === "string"
            ? (JSON.parse(tags) as ConversationTags).requestKind
            : null,
      };
    }
}

/** The lines of a week a person should look at (human review, quarantine): the first `limit`, and how many more. */
export interface FlywheelAttention {
  readonly lines: readonly FlywheelDecision[];
  readonly more: number;
}

export async function flywheelWeekAttention(
  store: FlywheelStore,
  week: string,
  options: { readonly datasetName?: string; readonly limit?: number } = {},
): Promise<FlywheelAttention> {
  const limit = options.limit ?? 200;
  const lines: FlywheelDecision[] = [];
  let more = 0;
  for await (const d of flywheelWeekDecisions(store, week, {
    ...(options.datasetName === undefined
      ? {}
      : { datasetName: options.datasetName }),
    routes: ["human_review", "quarantine"],
  }))
    if (lines.length < limit) lines.push(d);
    else more += 1;
  return { lines, more };
}
