/**
 * The dataset store's schema, as numbered migrations applied in order inside one
 * transaction each; `store_meta.schema_version` says how far a database has come. A
 * migration never changes once released: a change is a new migration.
 *
 * Every pipeline table is keyed by `run_id` (the sha256 of the run's configuration), so
 * one store holds many runs and a restarted run finds its own state. Tables:
 *
 * - `runs`: one per configuration: the config JSON, seed, status (`running`,
 *   `budget_exhausted`, `done`), counters and LLM tokens and cost so far.
 * - `stages`: per run and stage, the progress mark of the last committed batch, whether
 *   the stage is complete (set in the same transaction as its last data) and its report.
 * - `records`: the input manifest: every good input record with its 1-based record number.
 * - `quarantine`: every bad input record: record number, code, reason, the raw text (redacted
 *   as free text) and its quarantine-file line (`entry_json`, from migration 4).
 * - `sampled`: the sampled records in their deterministic order (`position`).
 * - `items`: one per sampled workflow after redaction: ids, merchant, exact key, structural
 *   fingerprint, split, the redacted JSON and its status (`kept`, `duplicate` of an earlier
 *   item, `rejected` with the reason).
 * - `redactions`: per item, the count of each kind of redacted value.
 * - `requests`: per kept item and style, the synthesized request and who wrote it with which
 *   prompt version (and its sha256), whether it was cached, tokens and cost.
 * - `rejections`: every conversation asked for that did not become a row, with the reason.
 * - `rows`: the dataset rows: row id, item, style, split, shuffle key, the serialized row
 *   (without a primary key from migration 5).
 * - `dataset_versions`: name, version, parent version, run and each exported file's sha256.
 * - `lineage`: row id → workflow id, record number, prompt version, writer, run, version.
 * - `eval_run_results` (2): per benchmark run (the sha256 of its settings) and example, the
 *   finished example's result JSON, written as each example finishes.
 *
 * Migration 3 adds the weekly flywheel's tables, keyed by dataset name and ISO week:
 *
 * - `flywheel_weeks`: one per dataset and week run: the input's sha256 (conversations,
 *   judge, gating), the dataset version it made, the judge, the week's summary.
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
export interface StoreMigration {
  readonly version: number;
  readonly description: string;
  readonly statements: readonly string[];
}

export const storeMigrations: readonly StoreMigration[] = [
  {
    version: 1,
    description:
      "runs, stages, records, quarantine, items, requests, rows, versions, lineage",
    statements: [
      `CREATE TABLE runs (
        run_id VARCHAR PRIMARY KEY,
        config_json VARCHAR NOT NULL,
        seed BIGINT NOT NULL,
        status VARCHAR NOT NULL,
        records_read BIGINT NOT NULL DEFAULT 0,
        quarantined BIGINT NOT NULL DEFAULT 0,
        rows_written BIGINT NOT NULL DEFAULT 0,
        input_tokens BIGINT NOT NULL DEFAULT 0,
        output_tokens BIGINT NOT NULL DEFAULT 0,
        cost_usd DOUBLE NOT NULL DEFAULT 0
      )`,
      `CREATE TABLE stages (
        run_id VARCHAR NOT NULL,
        stage VARCHAR NOT NULL,
        progress BIGINT NOT NULL,
        done BOOLEAN NOT NULL,
        report_json VARCHAR,
        PRIMARY KEY (run_id, stage)
      )`,
      `CREATE TABLE records (
        run_id VARCHAR NOT NULL,
        record_no BIGINT NOT NULL,
        workflow_id VARCHAR NOT NULL,
        merchant_id VARCHAR NOT NULL,
        workflow VARCHAR NOT NULL,
        last_run_at VARCHAR,
        record_json VARCHAR NOT NULL,
        PRIMARY KEY (run_id, record_no)
      )`,
      `CREATE TABLE quarantine (
        run_id VARCHAR NOT NULL,
        record_no BIGINT NOT NULL,
        code VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        raw VARCHAR NOT NULL,
        PRIMARY KEY (run_id, record_no)
      )`,
      `CREATE TABLE sampled (
        run_id VARCHAR NOT NULL,
        position BIGINT NOT NULL,
        record_no BIGINT NOT NULL,
        PRIMARY KEY (run_id, position)
      )`,
      `CREATE TABLE items (
        run_id VARCHAR NOT NULL,
        position BIGINT NOT NULL,
        record_no BIGINT NOT NULL,
        workflow_id VARCHAR NOT NULL,
        merchant_id VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        reason VARCHAR,
        exact_key VARCHAR,
        fingerprint VARCHAR,
        split VARCHAR,
        redacted_json VARCHAR,
        PRIMARY KEY (run_id, position)
      )`,
      `CREATE TABLE redactions (
        run_id VARCHAR NOT NULL,
        position BIGINT NOT NULL,
        kind VARCHAR NOT NULL,
        count BIGINT NOT NULL,
        PRIMARY KEY (run_id, position, kind)
      )`,
      `CREATE TABLE requests (
        run_id VARCHAR NOT NULL,
        position BIGINT NOT NULL,
        style VARCHAR NOT NULL,
        text VARCHAR NOT NULL,
        writer VARCHAR NOT NULL,
        prompt_version VARCHAR NOT NULL,
        prompt_sha256 VARCHAR NOT NULL,
        cached BOOLEAN NOT NULL,
        input_tokens BIGINT NOT NULL,
        output_tokens BIGINT NOT NULL,
        cost_usd DOUBLE NOT NULL,
        PRIMARY KEY (run_id, position, style)
      )`,
      `CREATE TABLE rejections (
        run_id VARCHAR NOT NULL,
        position BIGINT NOT NULL,
        label VARCHAR NOT NULL,
        stage VARCHAR NOT NULL,
        workflow_id VARCHAR NOT NULL,
        code VARCHAR NOT NULL,
        message VARCHAR NOT NULL,
        PRIMARY KEY (run_id, position, label)
      )`,
      `CREATE TABLE rows (
        run_id VARCHAR NOT NULL,
        row_id VARCHAR NOT NULL,
        position BIGINT NOT NULL,
        style VARCHAR NOT NULL,
        split VARCHAR NOT NULL,
        shuffle_key VARCHAR NOT NULL,
        row_json VARCHAR NOT NULL,
        PRIMARY KEY (run_id, row_id)
      )`,
      `CREATE TABLE dataset_versions (
        name VARCHAR NOT NULL,
        version BIGINT NOT NULL,
        parent_version BIGINT,
        run_id VARCHAR NOT NULL,
        files_json VARCHAR NOT NULL,
        PRIMARY KEY (name, version)
      )`,
      `CREATE TABLE lineage (
        run_id VARCHAR NOT NULL,
        row_id VARCHAR NOT NULL,
        workflow_id VARCHAR NOT NULL,
        record_no BIGINT NOT NULL,
        prompt_version VARCHAR NOT NULL,
        writer VARCHAR NOT NULL,
        dataset_name VARCHAR NOT NULL,
        dataset_version BIGINT NOT NULL,
        PRIMARY KEY (run_id, row_id, dataset_version)
      )`,
    ],
  },
  {
    version: 2,
    description: "benchmark runs: finished examples",
    statements: [
      `CREATE TABLE eval_run_results (
        run_id VARCHAR NOT NULL,
        example_id VARCHAR NOT NULL,
        result_json VARCHAR NOT NULL,
        PRIMARY KEY (run_id, example_id)
      )`,
    ],
  },
  {
    version: 3,
    description:
      "flywheel weeks, decisions, rows, lineage and dataset versions",
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
  },
  {
    version: 4,
    description: "quarantine.entry_json: the record's quarantine-file line",
    statements: [
      "ALTER TABLE quarantine ADD COLUMN entry_json VARCHAR DEFAULT ''",
    ],
  },
  {
    version: 5,
    description: "rows without a primary key index",
    // The index made each insert into `rows` cost more as the table grew (random row ids,
    // and the whole index written again at each checkpoint): the rows stage went 14.7×
    // slower for 10× the rows. Nothing looks rows up by key, each batch is committed with
    // its stage mark so a resumed run never inserts a row twice, and the rows stage checks
    // that row ids are unique once at its end.
    statements: [
      "ALTER TABLE rows RENAME TO rows_indexed",
      `CREATE TABLE rows (
        run_id VARCHAR NOT NULL,
        row_id VARCHAR NOT NULL,
        position BIGINT NOT NULL,
        style VARCHAR NOT NULL,
        split VARCHAR NOT NULL,
        shuffle_key VARCHAR NOT NULL,
        row_json VARCHAR NOT NULL
      )`,
      "INSERT INTO rows SELECT * FROM rows_indexed",
      "DROP TABLE rows_indexed",
    ],
  },
];

export const storeSchemaVersion = storeMigrations.length;
