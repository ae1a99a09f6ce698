import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildCorpusDataset,
  trajectoryVariants,
  type CorpusDataset,
} from "../../src/index.js";
import { notebooksDir, runDeno, type DenoRun } from "../support/run-deno.js";
import { corpusWorkflows } from "../trajectory/corpus-workflows.js";

/** A hang guard for Deno's start and a whole-corpus build in each runtime, not a timing. */
const timeout = 300_000;
// Not the notebooks' default, so the test also sees the parameter reach the build.
const seed = 3;

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
 * the absence of any error report tell that every cell ran to its end.
 */
async function runNotebook(name: string): Promise<NotebookRun> {
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
        env: { FLOWPY_SEED: String(seed) },
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

let dataset: NotebookRun;
let charts: NotebookRun;
let node: CorpusDataset;
const corpus = corpusWorkflows().map((w) => ({ id: w.name, json: w.text }));

beforeAll(async () => {
  [dataset, charts, node] = await Promise.all([
    runNotebook("build-dataset.ipynb"),
    runNotebook("dataset-charts.ipynb"),
    buildCorpusDataset(corpus, {
      seed,
      enableThinking: true,
      variants: { create: 1, edit: 0.25, fix: 0.25, question: 0.25 },
      name: "flowpy-corpus-notebook",
    }),
  ]);
}, timeout);

describe("notebooks/build-dataset.ipynb", () => {
  it("runs every code cell in Deno, in order, without an error", () => {
    expectCleanRun(dataset);
  });

  it("prints the dataset Node builds from the same corpus and seed", () => {
    const out = dataset.run.stdout;
    const card = node.card.data;
    expect(line(out, /^corpus: (\d+) workflows/)).toEqual([
      String(corpus.length),
    ]);
    const workflows = new Set(
      node.jsonl
        .trimEnd()
        .split("\n")
        .map(
          (l) => (JSON.parse(l) as { meta: { source: string } }).meta.source,
        ),
    ).size;
    expect(
      line(
        out,
        /^dataset: (\d+) rows from (\d+) workflows, (\d+) rejected, seed (\d+)$/,
      ),
    ).toEqual([
      String(card.rows),
      String(workflows),
      String(node.rejected.length),
      String(seed),
    ]);
    // The rows themselves, byte for byte: ids, order, token ids and masks.
    expect(line(out, /^jsonl sha256: ([0-9a-f]{64})$/)).toEqual([
      card.jsonl_sha256,
    ]);
    expect(out.split("\n").filter((l) => l.startsWith("rejected: "))).toEqual(
      node.rejected.map((r) => `rejected: ${r.id} (${r.variant}): ${r.code}`),
    );
  });

  it("prints the card's counts by variant, token percentiles and task coverage", () => {
    const out = dataset.run.stdout;
    const card = node.card.data;
    for (const variant of trajectoryVariants) {
      const cells = [
        `"${variant}"`,
        `"train"`,
        String(card.variants[variant] ?? 0),
        String(card.rejected_variants[variant] ?? 0),
      ];
      expect(out).toMatch(
        new RegExp(`│\\s*\\d+\\s*│\\s*${cells.join("\\s*│\\s*")}\\s*│`),
      );
    }
    const t = card.tokens;
    expect(line(out, /^tokens: (\d+) in total, (\d+) trained$/)).toEqual([
      String(t.total),
      String(t.trained),
    ]);
    expect(
      line(out, /^tokens p50\/p90\/p99\/max: (\d+)\/(\d+)\/(\d+)\/(\d+)$/),
    ).toEqual([t.p50, t.p90, t.p99, t.max].map(String));
    expect(
      line(out, /^task coverage: (\d+) of (\d+) catalog tasks \((\d+\.\d)%\)$/),
    ).toEqual([
      String(card.tasks.distinct),
      String(card.tasks.catalog),
      ((card.tasks.coverage ?? 0) * 100).toFixed(1),
    ]);
    expect(line(out, /^card: (\d+) lines of Markdown$/)).toEqual([
      String(node.card.markdown.split("\n").length),
    ]);
  });
});

describe("notebooks/dataset-charts.ipynb", () => {
  it("runs every code cell in Deno, in order, without an error", () => {
    expectCleanRun(charts);
  });

  it("charts the dataset Node builds from the same corpus and seed", () => {
    const out = charts.run.stdout;
    const rows = node.card.data.rows;
    expect(line(out, /^dataset: (\d+) rows, seed (\d+)$/)).toEqual([
      String(rows),
      String(seed),
    ]);
    const chart = (title: string): number[] =>
      line(out, new RegExp(`^chart: ${title}: (\\d+) bars, total (\\d+)$`)).map(
        Number,
      );
    expect(chart("rows by variant")).toEqual([trajectoryVariants.length, rows]);
    // Histograms count every row once, in bins up to the largest value.
    const tokens = node.card.data.tokens;
    expect(chart("row length in tokens")).toEqual([
      Math.floor(tokens.max / 1000) + 1,
      rows,
    ]);
    expect(chart("trained tokens per row")[1]).toBe(rows);
    expect(chart("tool calls per row")[1]).toBe(rows);
    const top = Object.values(node.card.data.tasks.rows_per_task)
      .sort((a, b) => b - a)
      .slice(0, 15);
    expect(chart("rows per task \\(top 15\\)")).toEqual([
      top.length,
      top.reduce((a, b) => a + b, 0),
    ]);
  });
});
