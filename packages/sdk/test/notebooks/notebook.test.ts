import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildDataset,
  corpusRecords,
  percentile,
  readDatasetJsonl,
  splitNames,
  type DatasetBuildSummary,
  type DatasetCardData,
  type DatasetReport,
  type DatasetRow,
} from "../../src/index.js";
import { outputFiles } from "../pipeline/output-files.js";
import {
  notebooksDir,
  repoRoot,
  runDeno,
  type DenoRun,
} from "../support/run-deno.js";

/** A hang guard for Deno's start and a corpus build in each runtime, not a timing. */
const timeout = 300_000;
// Not the notebooks' default, so the test also sees the parameter reach the build.
const seed = 3;
// The notebooks' other options. The run id the notebook prints is the sha256 of the whole
// configuration (input, seed, styles, name, …), so a notebook that drifts from these fails.
const options = {
  seed,
  styles: ["terse", "detailed"],
  name: "flowpy-corpus-notebook",
  enableThinking: true,
} as const;
const corpusDir = join(repoRoot, "corpus");

interface NotebookCell {
  readonly cell_type: string;
  readonly source: string | readonly string[];
}
interface Notebook {
  readonly cells: readonly NotebookCell[];
  readonly metadata: {
    readonly kernelspec?: {
      readonly name?: string;
      readonly language?: string;
    };
    readonly language_info?: { readonly name?: string };
  };
  readonly nbformat: number;
}

interface NotebookRun {
  readonly notebook: Notebook;
  readonly codeCells: readonly string[];
  readonly run: DenoRun;
}

const marker = (i: number, of: number): string =>
  `<<notebook cell ${i + 1} of ${of} ran>>`;

/**
 * Runs a notebook's code cells the way `deno jupyter` does: one REPL session (Deno's kernel
 * is built on it) in which each cell is evaluated in turn, declarations and imports persist
 * from cell to cell, top-level await works, and bare imports resolve from the working
 * directory, the notebook's folder, where `deno.json` is found. `deno repl --eval-file`
 * evaluates files in such a session, so this is cell by cell with a kernel's state rather
 * than one concatenated module (which would differ, e.g. hoisting imports above earlier
 * cells). The session reports a failing cell and goes on, so a marker after each cell and
 * the absence of any error report tell that every cell ran to its end. `out` is the
 * notebook's output folder (`FLOWPY_OUT`); the corpus is its default one.
 */
async function runNotebook(name: string, out: string): Promise<NotebookRun> {
  const notebook = JSON.parse(
    readFileSync(join(notebooksDir, name), "utf8"),
  ) as Notebook;
  const codeCells = notebook.cells
    .filter((c) => c.cell_type === "code")
    .map((c) => (typeof c.source === "string" ? c.source : c.source.join("")));
  const dir = mkdtempSync(join(tmpdir(), "flowpy-notebook-"));
  try {
    const files = codeCells.flatMap((source, i) => {
      const cell = join(dir, `cell-${i}.ts`);
      const done = join(dir, `cell-${i}-done.ts`);
      writeFileSync(cell, source);
      writeFileSync(
        done,
        `console.log(${JSON.stringify(marker(i, codeCells.length))});\n`,
      );
      return [cell, done];
    });
    const run = await runDeno(
      [
        "repl",
        "-A",
        "--no-remote",
        "--cached-only",
        `--eval-file=${files.join(",")}`,
      ],
      {
        cwd: notebooksDir,
        env: { FLOWPY_SEED: String(seed), FLOWPY_OUT: out },
        timeoutMs: timeout,
      },
    );
    return { notebook, codeCells, run };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The notebook is a Deno one and all its code cells ran in order without an error. */
function expectCleanRun({ notebook, codeCells, run }: NotebookRun): void {
  expect(notebook.nbformat).toBe(4);
  expect(notebook.metadata.kernelspec?.name).toBe("deno");
  expect(notebook.metadata.kernelspec?.language).toBe("typescript");
  expect(notebook.metadata.language_info?.name).toBe("typescript");
  expect(codeCells.length).toBeGreaterThan(3);
  const all = `${run.stdout}\n${run.stderr}`;
  expect(all).not.toMatch(/Error in --eval-file|Uncaught/);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.touched).toEqual([]);
  const positions = codeCells.map((_, i) =>
    run.stdout.indexOf(marker(i, codeCells.length)),
  );
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
}

/** The one line of `text` that matches `pattern`, as its groups. */
function line(text: string, pattern: RegExp): string[] {
  const found = text.split("\n").filter((l) => pattern.test(l));
  expect(found, `one line matching ${pattern}`).toHaveLength(1);
  return [...(pattern.exec(found[0] ?? "") ?? [])].slice(1);
}

const escapeRegExp = (s: string): string =>
  s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `console.table` printed a row with these cells (strings quoted, numbers bare). */
function expectTableRow(
  text: string,
  cells: readonly (string | number)[],
): void {
  const shown = cells.map((c) =>
    typeof c === "string" ? `"${c}"` : String(c),
  );
  expect(text).toMatch(
    new RegExp(
      `│\\s*\\d+\\s*│\\s*${shown.map(escapeRegExp).join("\\s*│\\s*")}\\s*│`,
    ),
  );
}

const root = mkdtempSync(join(tmpdir(), "flowpy-notebook-out-"));
const nodeOut = join(root, "node");
const denoOut = join(root, "deno");
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dataset: NotebookRun;
let charts: NotebookRun;
let node: DatasetBuildSummary;
let report: DatasetReport;
let cards: Readonly<Record<string, DatasetCardData>>;
let rows: Map<string, DatasetRow[]>;

beforeAll(async () => {
  let built: Awaited<ReturnType<typeof buildDataset>>;
  [dataset, built] = await Promise.all([
    runNotebook("build-dataset.ipynb", denoOut),
    buildDataset({ input: corpusDir, out: nodeOut, ...options }),
  ]);
  if (!built.ok)
    throw new Error(built.diagnostics.map((d) => d.message).join("; "));
  node = built.value;
  // The charts notebook gets the folder Node built, so its build call must find the run
  // complete and its files intact: resuming works across runtimes, and nothing is redone.
  charts = await runNotebook("dataset-charts.ipynb", nodeOut);
  const read = (file: string): string =>
    readFileSync(join(nodeOut, file), "utf8");
  report = JSON.parse(read("report.json")) as DatasetReport;
  cards = (
    JSON.parse(read("card.json")) as {
      splits: Record<string, DatasetCardData>;
    }
  ).splits;
  rows = new Map(
    splitNames.map((split) => {
      const r = readDatasetJsonl(read(`${split}.jsonl`));
      if (!r.ok) throw new Error(`${split}.jsonl does not read back`);
      return [split, r.value];
    }),
  );
}, timeout);

const allRows = (): DatasetRow[] => [...rows.values()].flat();
const styleOf = (row: DatasetRow): string =>
  row.meta.id.split("#").at(-1) ?? "";

describe("notebooks/build-dataset.ipynb", () => {
  it("runs every code cell in Deno, in order, without an error", () => {
    expectCleanRun(dataset);
  });

  it("builds with the pipeline in Deno, byte for byte, the dataset Node builds with the same options", () => {
    const out = dataset.run.stdout;
    expect(node.status).toBe("done");
    expect(line(out, /^run ([0-9a-f]{64}): (\w+)$/)).toEqual([
      node.runId,
      "done",
    ]);
    expect(
      line(out, /^records: (\d+) read, (\d+) quarantined, (\d+) sampled$/),
    ).toEqual([node.records, node.quarantined, node.sampled].map(String));
    expect(
      line(
        out,
        /^workflows: (\d+) rejected after redaction, (\d+) exact duplicates$/,
      ),
    ).toEqual([node.rejectedItems, node.duplicates].map(String));
    expect(
      line(
        out,
        /^requests: (\d+) written, cost \$(\d+\.\d{4}); rejected conversations: (\d+)$/,
      ),
    ).toEqual([
      String(node.requests),
      node.costUsd.toFixed(4),
      String(node.rejectedRows),
    ]);
    expect(line(out, /^rows: (train \d+, eval \d+, test \d+)$/)).toEqual([
      splitNames.map((s) => `${s} ${node.rows[s]}`).join(", "),
    ]);
    expect(node.rows.train).toBeGreaterThan(0);
    // Every exported file with its size and sha256: the JSONL and Parquet of each split, the
    // card, the report and the quarantine file.
    expect(node.files.map((f) => f.file)).toEqual(
      expect.arrayContaining(
        splitNames.flatMap((s) => [`${s}.jsonl`, `${s}.parquet`]),
      ),
    );
    expect(out.split("\n").filter((l) => l.startsWith("file: "))).toEqual(
      node.files.map(
        (f) => `file: ${f.file}, ${f.bytes} bytes, sha256 ${f.sha256}`,
      ),
    );
    // And the folders themselves hold the same bytes (the store aside).
    const digest = (dir: string) =>
      [...outputFiles(dir)].map(([name, bytes]) => [
        name,
        createHash("sha256").update(bytes).digest("hex"),
      ]);
    expect(digest(denoOut)).toEqual(digest(nodeOut));
    expect(digest(nodeOut).length).toBe(node.files.length);
  });

  it("reads the corpus as records, one per workflow document, merchants by folder", async () => {
    const merchants = new Set<string>();
    let count = 0;
    for await (const r of corpusRecords(corpusDir)) {
      count++;
      if (r.ok) merchants.add(r.record.merchant_id);
    }
    expect(count).toBe(node.records);
    expect(
      line(
        dataset.run.stdout,
        /^corpus: (\d+) records under \S+, (\d+) bad, (\d+) merchants$/,
      ),
    ).toEqual([count, node.quarantined, merchants.size].map(String));
  });

  it("prints the report's filters, redactions, dedup, splits and rejections", () => {
    const out = dataset.run.stdout;
    expect(report.filters.length).toBeGreaterThanOrEqual(2);
    for (const f of report.filters)
      expectTableRow(out, [f.stage, f.reason, f.removed]);
    const redactions = Object.entries(report.redactions);
    expect(line(out, /^redactions: (.*)$/)).toEqual([
      redactions.length === 0
        ? "none"
        : redactions.map(([k, n]) => `${k} ${n}`).join(", "),
    ]);
    expect(
      line(
        out,
        /^dedup: (\d+) exact duplicates, (\d+) structural fingerprints$/,
      ),
    ).toEqual([report.dedup.duplicates, report.dedup.fingerprints].map(String));
    for (const s of splitNames)
      expectTableRow(out, [
        s,
        report.splits.items[s] ?? 0,
        report.splits.merchants[s] ?? 0,
        node.rows[s],
      ]);
    const rejected = cards["train"]?.rejected ?? [];
    expect(rejected).toHaveLength(node.rejectedRows);
    expect(out.split("\n").filter((l) => l.startsWith("rejected: "))).toEqual(
      rejected.map((r) => `rejected: ${r.id} (${r.variant}): ${r.code}`),
    );
  });

  it("prints token percentiles per split, overall and per style", () => {
    const out = dataset.run.stdout;
    for (const s of splitNames) {
      const t = cards[s]?.tokens;
      expect(t).toBeDefined();
      if (t === undefined) continue;
      expectTableRow(out, [
        s,
        node.rows[s],
        t.total,
        t.trained,
        t.p50,
        t.p90,
        t.p99,
        t.max,
      ]);
    }
    const ascending = (v: number[]) => v.sort((a, b) => a - b);
    const lengths = ascending(allRows().map((r) => r.meta.tokens));
    expect(
      line(
        out,
        /^tokens p50\/p90\/p99\/max: (\d+)\/(\d+)\/(\d+)\/(\d+) over (\d+) rows$/,
      ),
    ).toEqual(
      [
        ...[50, 90, 99, 100].map((p) => percentile(lengths, p)),
        lengths.length,
      ].map(String),
    );
    expect(lengths.at(-1)).toBe(
      Math.max(...splitNames.map((s) => cards[s]?.tokens.max ?? 0)),
    );
    for (const style of options.styles) {
      const of = allRows().filter((r) => styleOf(r) === style);
      expect(of.length).toBeGreaterThan(0);
      const tokens = ascending(of.map((r) => r.meta.tokens));
      const trained = ascending(of.map((r) => r.meta.trained_tokens));
      expectTableRow(out, [
        style,
        of.length,
        percentile(tokens, 50),
        percentile(tokens, 90),
        percentile(tokens, 100),
        percentile(trained, 50),
      ]);
    }
  });

  it("prints the task coverage of all splits together and per split", () => {
    const out = dataset.run.stdout;
    const tasks = new Set(allRows().flatMap((r) => r.meta.tasks));
    const catalog = cards["train"]?.tasks.catalog ?? 0;
    expect(catalog).toBeGreaterThan(tasks.size);
    expect(
      line(out, /^task coverage: (\d+) of (\d+) catalog tasks \((\d+\.\d)%\)$/),
    ).toEqual([
      String(tasks.size),
      String(catalog),
      ((100 * tasks.size) / catalog).toFixed(1),
    ]);
    for (const s of splitNames) {
      const distinct = new Set((rows.get(s) ?? []).flatMap((r) => r.meta.tasks))
        .size;
      expect(cards[s]?.tasks.distinct).toBe(distinct);
      expectTableRow(out, [
        s,
        distinct,
        `${((100 * distinct) / catalog).toFixed(1)}%`,
      ]);
    }
  });

  it("renders the first rows of the train file", () => {
    const out = dataset.run.stdout;
    const first = (rows.get("train") ?? []).slice(0, 2);
    expect(first).toHaveLength(2);
    expect(out.split("\n").filter((l) => l.startsWith("--- "))).toEqual(
      first.map(
        (r) =>
          `--- ${r.meta.id}: ${r.meta.tokens} tokens, ${r.meta.trained_tokens} trained`,
      ),
    );
    expect(out.match(/^ {2}rendered, last 300 characters:$/gm)).toHaveLength(2);
  });

  it("queries the DuckDB store from Deno: rows per split and style, requests per style, lineage", () => {
    const out = dataset.run.stdout;
    for (const s of splitNames)
      for (const style of options.styles) {
        const n = (rows.get(s) ?? []).filter(
          (r) => styleOf(r) === style,
        ).length;
        if (n > 0) expectTableRow(out, [s, style, n]);
      }
    // One request per kept workflow and style, all from the offline writer.
    for (const style of options.styles)
      expect(out).toMatch(
        new RegExp(
          `│\\s*\\d+\\s*│\\s*"${style}"\\s*│\\s*${node.requests / options.styles.length}\\s*│\\s*\\d+\\s*│\\s*"[^"]+"\\s*│\\s*"offline"\\s*│`,
        ),
      );
    const ids = allRows()
      .map((r) => r.meta.id)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const id of ids.slice(0, 3))
      expect(out).toMatch(
        new RegExp(
          `│\\s*\\d+\\s*│\\s*"${escapeRegExp(id)}"\\s*│\\s*\\d+\\s*│\\s*"[^"]+"\\s*│\\s*"flowpy-corpus-notebook v1"\\s*│`,
        ),
      );
  });

  it("shows the report and the card", () => {
    const lines = (file: string) =>
      readFileSync(join(nodeOut, file), "utf8").split("\n").length;
    expect(
      line(
        dataset.run.stdout,
        /^report: (\d+) lines of Markdown; card: (\d+) lines$/,
      ),
    ).toEqual([lines("report.md"), lines("card.md")].map(String));
  });
});

describe("notebooks/dataset-charts.ipynb", () => {
  it("runs every code cell in Deno, in order, without an error", () => {
    expectCleanRun(charts);
  });

  it("reuses the build Node made and charts it", () => {
    const out = charts.run.stdout;
    const total = allRows().length;
    expect(
      line(
        out,
        /^dataset: (\d+) rows, seed (\d+)( \(an intact earlier build, reused\))?$/,
      ),
    ).toEqual([
      String(total),
      String(seed),
      " (an intact earlier build, reused)",
    ]);
    const chart = (title: string): number[] =>
      line(out, new RegExp(`^chart: ${title}: (\\d+) bars, total (\\d+)$`)).map(
        Number,
      );
    expect(chart("rows by split and style")).toEqual([
      splitNames.length * options.styles.length,
      total,
    ]);
    // Histograms count every row once, in bins up to the largest value.
    const max = Math.max(...allRows().map((r) => r.meta.tokens));
    expect(chart("row length in tokens")).toEqual([
      Math.floor(max / 1000) + 1,
      total,
    ]);
    expect(chart("trained tokens per row")[1]).toBe(total);
    expect(chart("tool calls per row")[1]).toBe(total);
    const perTask = new Map<string, number>();
    for (const r of allRows())
      for (const t of r.meta.tasks) perTask.set(t, (perTask.get(t) ?? 0) + 1);
    const top = [...perTask.values()].sort((a, b) => b - a).slice(0, 15);
    expect(chart("rows per task \\(top 15\\)")).toEqual([
      top.length,
      top.reduce((a, b) => a + b, 0),
    ]);
  });
});
