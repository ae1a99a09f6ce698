import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { findWorkflowFiles } from "@flowpy/transpiler";

export const corpusDir = join(import.meta.dirname, "../../../../../corpus");

/** The corpus workflows that build rows (the one with tasks outside the catalog left out). */
function corpusWorkflows(): string[] {
  return (findWorkflowFiles(corpusDir) ?? [])
    .filter((f) => !f.includes("one-segment-task-id"))
    .map((f) => readFileSync(f, "utf8"));
}

export interface RecordSetShape {
  /** Good records. */
  readonly good: number;
  /** Record numbers (1-based) at which a bad record is inserted instead. */
  readonly badAt?: readonly number[];
  /** How many of the good records repeat an earlier workflow exactly (under another id). */
  readonly duplicates?: number;
  readonly merchants?: number;
  /** Good records (0-based among them) whose workflow uses tasks outside the catalog, so no request can be written for it. */
  readonly unbuildable?: readonly number[];
}

/** A corpus workflow whose tasks are not in the catalog. */
function unbuildableWorkflow(): string {
  const file = (findWorkflowFiles(corpusDir) ?? []).find((f) =>
    f.includes("one-segment-task-id"),
  );
  return file === undefined ? "" : readFileSync(file, "utf8");
}

/** The bad lines the set uses, in turn: not JSON, a missing field, a wrong type. */
const badLines = [
  '{"workflow_id": "broken", "merchant_id": ',
  '{"merchant_id": "m0", "workflow": "{}", "last_run_at": null}',
  '{"workflow_id": "w-x", "merchant_id": 7, "workflow": "{}", "last_run_at": null}',
];

/** A JSONL record set built from corpus workflows; deterministic. Returns its lines. */
export function recordLines(shape: RecordSetShape): string[] {
  const workflows = corpusWorkflows();
  const lines: string[] = [];
  const bad = new Set(shape.badAt ?? []);
  const merchants = shape.merchants ?? 7;
  let good = 0;
  let badCount = 0;
  while (good < shape.good) {
    if (bad.has(lines.length + 1)) {
      lines.push(badLines[badCount++ % badLines.length] ?? "");
      continue;
    }
    const dup = good >= shape.good - (shape.duplicates ?? 0);
    const source = dup ? good - (shape.good - (shape.duplicates ?? 0)) : good;
    const workflow = (shape.unbuildable ?? []).includes(good)
      ? unbuildableWorkflow()
      : (workflows[(source * 7) % workflows.length] ?? "");
    lines.push(
      JSON.stringify({
        workflow_id: `w-${good}`,
        merchant_id: `m${(dup ? source : good) % merchants}`,
        workflow,
        last_run_at: "2026-10-01T00:00:00Z",
      }),
    );
    good++;
  }
  return lines;
}

export function writeRecordSet(
  dir: string,
  shape: RecordSetShape,
  name = "records.jsonl",
): string {
  const path = join(dir, name);
  writeFileSync(path, `${recordLines(shape).join("\n")}\n`);
  return path;
}

/** The same records as Parquet (bad lines cannot be Parquet rows, so give none). */
export async function writeParquetRecordSet(
  jsonl: string,
  parquet: string,
): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const c = await instance.connect();
  try {
    await c.run(
      `COPY (SELECT workflow_id, merchant_id, workflow, last_run_at
             FROM read_json('${jsonl}', columns = {workflow_id: 'VARCHAR', merchant_id: 'VARCHAR', workflow: 'VARCHAR', last_run_at: 'VARCHAR'}))
       TO '${parquet}' (FORMAT parquet)`,
    );
  } finally {
    c.closeSync();
    instance.closeSync();
  }
}
