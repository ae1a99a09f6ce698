/**
 * `pnpm bench`, dataset pipeline section: workflows per second through the offline pipeline
 * (`buildDataset`, one request style) and peak memory (RSS and V8 heap) for generated record
 * sets of each size in FLOWPY_PIPELINE_BENCH_SIZES (comma-separated; BENCH_PIPELINE_SIZES is
 * still read; default 10000,100000). Each size runs in its own
 * process so its peak is its own; memory that does not grow with the size is the streaming
 * claim, and the last line states it as a slope: MB of peak RSS and heap per 10,000 more
 * workflows between the smallest and the largest size run (about 0 when memory is flat;
 * what does grow with the input is the store and the output files on disk). Per-stage
 * seconds (wall clock and CPU) show where the time goes. BENCH_PIPELINE_JSON=path writes the figures as JSON.
 */
import { spawnSync } from "node:child_process";
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
  createWriteStream,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { findWorkflowFiles } from "@flowpy/transpiler";
import { buildDataset, type PipelineStage } from "../src/index.js";

interface Figures {
  readonly workflows: number;
  readonly rows: number;
  readonly seconds: number;
  readonly workflowsPerSecond: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  /** The largest heap left after a full collection at each stage's end: what is kept. */
  readonly retainedHeapMb: number;
  readonly stageSeconds: Readonly<Record<string, number>>;
  /**
   * CPU seconds (user and system, every thread, DuckDB's too) per stage: on a shared
   * machine the wall-clock seconds measure the neighbours as much as the pipeline.
   */
  readonly stageCpuSeconds: Readonly<Record<string, number>>;
  /** Peak RSS while each stage ran: which stage sets the peak, and whether it grows. */
  readonly stagePeakRssMb: Readonly<Record<string, number>>;
}

/**
 * Distinct workflow records: agent-form corpus workflows in turn, each renamed with its
 * record number so that exact dedup keeps every one; merchants cycle over 500 ids.
 */
async function generate(path: string, count: number): Promise<void> {
  const corpus = join(import.meta.dirname, "../../../corpus");
  const bases = (findWorkflowFiles(corpus) ?? [])
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(f, "utf8")) as unknown)
    .filter(
      (d): d is { root: { workflow_name: string } } =>
        typeof d === "object" &&
        d !== null &&
        typeof (d as { root?: { workflow_name?: unknown } }).root
          ?.workflow_name === "string",
    );
  const out = createWriteStream(path);
  for (let i = 0; i < count; i++) {
    const base = bases[i % bases.length];
    if (base === undefined) break;
    const workflow = {
      ...base,
      root: { ...base.root, workflow_name: `${base.root.workflow_name} #${i}` },
    };
    const line = `${JSON.stringify({
      workflow_id: `wf-${i}`,
      merchant_id: `m-${i % 500}`,
      workflow: JSON.stringify(workflow),
      last_run_at: "2026-11-01T00:00:00Z",
    })}\n`;
    if (!out.write(line))
      await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

async function measure(count: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), "flowpy-pipeline-bench-"));
  try {
    const input = join(dir, "records.jsonl");
    await generate(input, count);
    let peakRss = 0;
    let peakHeap = 0;
    let retained = 0;
    // Run with --expose-gc (the bench passes it to each size's process).
    const gc = (globalThis as { gc?: () => void }).gc;
    const collect = () => {
      if (gc === undefined) return;
      gc();
      retained = Math.max(retained, process.memoryUsage().heapUsed);
    };
    const stagePeakRss: Record<string, number> = {};
    const sample = () => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      if (stage !== undefined)
        stagePeakRss[stage] = Math.max(stagePeakRss[stage] ?? 0, m.rss);
    };
    const stageSeconds: Record<string, number> = {};
    const stageCpuSeconds: Record<string, number> = {};
    const cpuSeconds = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1e6;
    };
    let stage: PipelineStage | undefined;
    const timer = setInterval(sample, 100);
    let stageStart = performance.now();
    let stageCpuStart = cpuSeconds();
    const started = performance.now();
    const result = await buildDataset({
      input,
      out: join(dir, "out"),
      styles: ["terse"],
      batchSize: 256,
      onProgress: (p) => {
        sample();
        if (p.stage === stage) return;
        collect();
        const now = performance.now();
        const cpu = cpuSeconds();
        if (stage !== undefined) {
          stageSeconds[stage] = (now - stageStart) / 1000;
          stageCpuSeconds[stage] = cpu - stageCpuStart;
        }
        stage = p.stage;
        stageStart = now;
        stageCpuStart = cpu;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    if (stage !== undefined) {
      stageSeconds[stage] = (performance.now() - stageStart) / 1000;
      stageCpuSeconds[stage] = cpuSeconds() - stageCpuStart;
    }
    clearInterval(timer);
    sample();
    collect();
    if (!result.ok)
      throw new Error(result.diagnostics.map((d) => d.message).join("; "));
    const s = result.value;
    return {
      workflows: count,
      rows: s.rows.train + s.rows.eval + s.rows.test,
      seconds: Math.round(seconds * 10) / 10,
      workflowsPerSecond: Math.round((count / seconds) * 10) / 10,
      peakRssMb: Math.round(peakRss / 2 ** 20),
      peakHeapMb: Math.round(peakHeap / 2 ** 20),
      retainedHeapMb: Math.round(retained / 2 ** 20),
      stageSeconds: Object.fromEntries(
        Object.entries(stageSeconds).map(([k, v]) => [
          k,
          Math.round(v * 10) / 10,
        ]),
      ),
      stageCpuSeconds: Object.fromEntries(
        Object.entries(stageCpuSeconds).map(([k, v]) => [
          k,
          Math.round(v * 10) / 10,
        ]),
      ),
      stagePeakRssMb: Object.fromEntries(
        Object.entries(stagePeakRss).map(([k, v]) => [
          k,
          Math.round(v / 2 ** 20),
        ]),
      ),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const one = process.argv.indexOf("--size");
if (one >= 0) {
  const figures = await measure(Number(process.argv[one + 1]));
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  const sizes = (
    process.env["FLOWPY_PIPELINE_BENCH_SIZES"] ??
    process.env["BENCH_PIPELINE_SIZES"] ??
    "10000,100000"
  )
    .split(",")
    .map(Number);
  const all: Figures[] = [];
  console.log(
    "\n## dataset pipeline (offline writer, one style per workflow)\n",
  );
  console.log(
    "| workflows | rows | seconds | workflows/s | peak RSS MB | peak heap MB | retained heap MB | seconds per stage | CPU seconds per stage | peak RSS MB per stage |",
  );
  console.log(
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |",
  );
  for (const size of sizes) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        "--expose-gc",
        import.meta.filename,
        "--size",
        String(size),
      ],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    const line = child.stdout.trim().split("\n").at(-1) ?? "";
    if (child.status !== 0 || line === "") {
      console.log(
        `| ${size} | failed (exit ${child.status}) | | | | | | | | |`,
      );
      continue;
    }
    const f = JSON.parse(line) as Figures;
    all.push(f);
    const stages = Object.entries(f.stageSeconds)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    const stageCpu = Object.entries(f.stageCpuSeconds)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    const stagePeaks = Object.entries(f.stagePeakRssMb)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    console.log(
      `| ${f.workflows} | ${f.rows} | ${f.seconds} | ${f.workflowsPerSecond} | ${f.peakRssMb} | ${f.peakHeapMb} | ${f.retainedHeapMb} | ${stages} | ${stageCpu} | ${stagePeaks} |`,
    );
  }
  // Between the smallest and the largest size, and between each pair of neighbours. Peaks
  // include the garbage of the last few batches (the pipeline collects every ~32 MB of rows
  // it lets go) and DuckDB's block cache (capped at 160 MB, 512 MB while Parquet is
  // written); the retained heap is what the pipeline keeps.
  const slope = (a: Figures, b: Figures) => {
    const per10k = (x: number, y: number) =>
      (((y - x) / (b.workflows - a.workflows)) * 10_000).toFixed(1);
    console.log(
      `memory slope ${a.workflows} → ${b.workflows} workflows: peak RSS ${per10k(a.peakRssMb, b.peakRssMb)} MB, peak heap ${per10k(a.peakHeapMb, b.peakHeapMb)} MB, retained heap ${per10k(a.retainedHeapMb, b.retainedHeapMb)} MB per 10,000 workflows`,
    );
  };
  const first = all[0];
  const last = all.at(-1);
  if (first !== undefined && last !== undefined && last !== first) {
    console.log("");
    slope(first, last);
    if (all.length > 2)
      for (let i = 1; i < all.length; i++) {
        const a = all[i - 1];
        const b = all[i];
        if (a !== undefined && b !== undefined) slope(a, b);
      }
  }
  const jsonPath = process.env["BENCH_PIPELINE_JSON"];
  if (jsonPath !== undefined)
    writeFileSync(jsonPath, `${JSON.stringify(all, null, 2)}\n`);
}
