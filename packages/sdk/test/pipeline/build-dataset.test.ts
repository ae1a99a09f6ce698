import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, describe, expect, it } from "vitest";
import {
  buildDataset,
  openDatasetStore,
  readDatasetJsonl,
  sdkCodes,
  type DatasetBuildSummary,
} from "../../src/index.js";
import { outputFiles, tempFiles } from "./output-files.js";
import {
  corpusDir,
  recordLines,
  writeParquetRecordSet,
  writeRecordSet,
} from "./support/record-set.js";

const root = mkdtempSync(join(tmpdir(), "flowpy-pipeline-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function unwrap(
  r: Awaited<ReturnType<typeof buildDataset>>,
): DatasetBuildSummary {
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return r.value;
}

async function storeCounts(path: string): Promise<Record<string, number>> {
  const store = await openDatasetStore(path);
  if (!store.ok) throw new Error("store");
  try {
    const [r] = await store.value.all(
      `SELECT (SELECT count(*) FROM rows) AS rows,
              (SELECT count(DISTINCT row_id) FROM rows) AS distinct_rows,
              (SELECT count(*) FROM lineage) AS lineage,
              (SELECT count(*) FROM records) AS records,
              (SELECT count(*) FROM quarantine) AS quarantine,
              (SELECT count(*) FROM dataset_versions) AS versions`,
    );
    return Object.fromEntries(
      Object.entries(r ?? {}).map(([k, v]) => [k, Number(v)]),
    );
  } finally {
    store.value.close();
  }
}

describe("buildDataset", { timeout: 120_000 }, () => {
  // Record 4 of the good ones ends the first batch of 5 kept items and gets no request.
  const shape = { good: 14, badAt: [3, 9], duplicates: 2, unbuildable: [4] };
  const input = writeRecordSet(root, shape);
  const out = join(root, "jsonl");

  it("builds rows per split from JSONL records, quarantining bad records with their numbers", async () => {
    const s = unwrap(
      await buildDataset({
        input,
        out,
        seed: 3,
        styles: ["terse"],
        batchSize: 5,
      }),
    );
    expect(s.status).toBe("done");
    expect(s.noOp).toBe(false);
    expect(s.records).toBe(16);
    expect(s.quarantined).toBe(2);
    expect(s.duplicates).toBe(2);
    const quarantine = readFileSync(join(out, "quarantine.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { record: number; raw: string });
    expect(quarantine.map((q) => q.record)).toEqual([3, 9]);
    const lines = recordLines(shape);
    expect(quarantine.map((q) => q.raw)).toEqual([lines[2], lines[8]]);
    const rows = ["train", "eval", "test"].flatMap((split) => {
      const read = readDatasetJsonl(
        readFileSync(join(out, `${split}.jsonl`), "utf8"),
      );
      if (!read.ok) throw new Error(split);
      return read.value.map((r) => ({ split, id: r.meta.id }));
    });
    // 14 good records, 2 exact duplicates removed, one without a request; one style each.
    expect(rows).toHaveLength(11);
    expect(new Set(rows.map((r) => r.id)).size).toBe(11);
    expect(s.rows.train + s.rows.eval + s.rows.test).toBe(11);
    expect(s.rejectedRows).toBe(1);
    const report = JSON.parse(readFileSync(join(out, "report.json"), "utf8"));
    expect(report.dedup.duplicates).toBe(2);
    expect(report.filters).toContainEqual({
      stage: "dedup",
      reason: sdkCodes.pipelineDuplicateWorkflow,
      removed: 2,
    });
    expect(report.filters).toContainEqual({
      stage: "requests",
      reason: sdkCodes.requestWorkflowInvalid,
      removed: 1,
    });
    expect(tempFiles(out)).toEqual([]);
    const counts = await storeCounts(join(out, ".flowpy-store.duckdb"));
    expect(counts).toMatchObject({
      rows: 11,
      distinct_rows: 11,
      lineage: 11,
      records: 14,
      quarantine: 2,
      versions: 1,
    });
    expect(s.files.map((f) => f.file)).toEqual([...outputFiles(out).keys()]);
  });

  it("a finished run re-run is a no-op; removed files are written again, the same bytes", async () => {
    const before = outputFiles(out);
    const again = unwrap(
      await buildDataset({
        input,
        out,
        seed: 3,
        styles: ["terse"],
        batchSize: 5,
      }),
    );
    expect(again.noOp).toBe(true);
    expect(outputFiles(out)).toEqual(before);
    rmSync(join(out, "train.parquet"));
    const rebuilt = unwrap(
      await buildDataset({
        input,
        out,
        seed: 3,
        styles: ["terse"],
        batchSize: 5,
      }),
    );
    expect(rebuilt.noOp).toBe(false);
    expect(outputFiles(out)).toEqual(before);
    expect(rebuilt.version).toEqual({ name: "flowpy-dataset", version: 1 });
  });

  it("exports each split in its shuffle-key order when the rows are read in many pages, and reports no cost offline", async () => {
    const small = writeRecordSet(root, { good: 9 }, "ranges.jsonl");
    const rangesOut = join(root, "ranges");
    // Two rows per batch: the export reads the rows in pages of two.
    unwrap(
      await buildDataset({
        input: small,
        out: rangesOut,
        styles: ["terse", "vague"],
        batchSize: 2,
      }),
    );
    const store = await openDatasetStore(
      join(rangesOut, ".flowpy-store.duckdb"),
    );
    if (!store.ok) throw new Error("store");
    try {
      let rows = 0;
      for (const split of ["train", "eval", "test"]) {
        const read = readDatasetJsonl(
          readFileSync(join(rangesOut, `${split}.jsonl`), "utf8"),
        );
        if (!read.ok) throw new Error(split);
        const sorted = await store.value.all(
          "SELECT row_id FROM rows WHERE split = ? ORDER BY shuffle_key",
          [split],
        );
        expect(read.value.map((r) => r.meta.id)).toEqual(
          sorted.map((r) => r["row_id"]),
        );
        rows += read.value.length;
      }
      expect(rows).toBeGreaterThan(8);
    } finally {
      store.value.close();
    }
    const report = JSON.parse(
      readFileSync(join(rangesOut, "report.json"), "utf8"),
    );
    expect(report.cost).toEqual({ input_tokens: 0, output_tokens: 0, usd: 0 });
  });

  it("Parquet records give the same rows as the same records in JSONL, and Parquet output holds the JSONL rows", async () => {
    const cleanJsonl = writeRecordSet(root, { good: 6 }, "clean.jsonl");
    const parquet = join(root, "clean.parquet");
    await writeParquetRecordSet(cleanJsonl, parquet);
    const a = join(root, "from-jsonl");
    const b = join(root, "from-parquet");
    unwrap(
      await buildDataset({ input: cleanJsonl, out: a, styles: ["vague"] }),
    );
    unwrap(await buildDataset({ input: parquet, out: b, styles: ["vague"] }));
    const fa = outputFiles(a);
    const fb = outputFiles(b);
    for (const split of ["train", "eval", "test"])
      expect(fb.get(`${split}.jsonl`)).toEqual(fa.get(`${split}.jsonl`));
    const instance = await DuckDBInstance.create(":memory:");
    const c = await instance.connect();
    try {
      const fromParquet = (
        await c.runAndReadAll(
          `SELECT id, input_ids FROM read_parquet('${join(b, "train.parquet")}')`,
        )
      ).getRowObjectsJson();
      const read = readDatasetJsonl(
        readFileSync(join(b, "train.jsonl"), "utf8"),
      );
      if (!read.ok) throw new Error("train.jsonl");
      expect(fromParquet.map((r) => r["id"])).toEqual(
        read.value.map((r) => r.meta.id),
      );
      expect(fromParquet.map((r) => r["input_ids"])).toEqual(
        read.value.map((r) => r.input_ids),
      );
    } finally {
      c.closeSync();
      instance.closeSync();
    }
  });

  it("builds from a folder of workflow documents, with a contamination report against an eval set", async () => {
    const dir = join(root, "waits");
    const s = unwrap(
      await buildDataset({
        input: join(corpusDir, "waits"),
        out: dir,
        styles: ["detailed"],
        evalSet: join(corpusDir, "waits"),
      }),
    );
    expect(s.quarantined).toBe(0);
    expect(s.rows.train + s.rows.eval + s.rows.test).toBe(s.sampled);
    expect(s.sampled).toBeGreaterThan(3);
    // The eval set is the input itself: every train workflow is reported as identical.
    const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
    expect(report.contamination.evalItems).toBe(s.sampled);
    expect(report.contamination.exact.train).toBe(report.splits.items.train);
    expect(report.splits.items.train).toBeGreaterThan(0);
  });

  it("reports bad options and missing input as diagnostics", async () => {
    const missing = await buildDataset({
      input: join(root, "nope.jsonl"),
      out: join(root, "x"),
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.diagnostics[0]?.code).toBe(
        sdkCodes.pipelineInputUnreadable,
      );
    const badRatio = await buildDataset({
      input,
      out: join(root, "y"),
      ratios: { train: 0, eval: 0, test: 0 },
    });
    expect(badRatio.ok).toBe(false);
  });

  it("--dry-run estimates without writing anything", async () => {
    const dry = join(root, "dry");
    const s = unwrap(
      await buildDataset({
        input,
        out: dry,
        dryRun: true,
        styles: ["terse", "vague"],
      }),
    );
    expect(s.status).toBe("dry_run");
    expect(s.estimate?.requests).toBe(28);
    expect(s.quarantined).toBe(2);
    expect(() => readFileSync(join(dry, "train.jsonl"))).toThrow();
  });
});
