/**
 * `pnpm bench`, flywheel section: conversations per second through `runFlywheelWeek` and
 * its peak memory (RSS and V8 heap) for generated weeks of each size in
 * FLOWPY_FLYWHEEL_BENCH_SIZES (comma-separated; default 300,1200). The scripted judge runs
 * on a loopback server in this process; each week runs in a child process so its peak is
 * its own. Memory that does not grow with the week is the streaming claim; the one thing
 * that does grow is the set of conversation ids seen.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  createChatClient,
  createRedactor,
  openDatasetStore,
  runFlywheelWeek,
} from "../src/index.js";
import { startOpenAiTestServer } from "../test/support/openai-test-server.js";
import {
  generateWeek,
  judgeScript,
} from "../test/flywheel/support/generated-week.js";

interface Figures {
  readonly conversations: number;
  readonly rows: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
}

async function measure(
  count: number,
  baseUrl: string,
  dir: string,
): Promise<Figures> {
  const input = join(dir, `week-${count}.jsonl`);
  writeFileSync(input, generateWeek(count, { count }).jsonl);
  const opened = await openDatasetStore(join(dir, `store-${count}.duckdb`));
  if (!opened.ok) throw new Error(opened.diagnostics[0]?.message);
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 100);
  const started = performance.now();
  const result = await runFlywheelWeek({
    week: "2026-W47",
    conversationsPath: input,
    store: opened.value,
    judge: {
      client: createChatClient({
        baseUrl,
        model: "judge-bench",
        maxRetries: 0,
      }),
    },
    redactor: createRedactor({ salt: "bench" }),
    gating: { facets: ["components", "configuration", "intent"] },
  });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(timer);
  sample();
  opened.value.close();
  if (!result.ok)
    throw new Error(result.diagnostics.map((d) => d.message).join("; "));
  return {
    conversations: result.value.lines,
    rows: result.value.rowsAdded,
    seconds: Math.round(seconds * 10) / 10,
    perSecond: Math.round((result.value.lines / seconds) * 10) / 10,
    peakRssMb: Math.round(peakRss / 2 ** 20),
    peakHeapMb: Math.round(peakHeap / 2 ** 20),
  };
}

/** Runs one size in a child process (the parent keeps serving the judge meanwhile). */
function child(size: number, baseUrl: string, dir: string): Promise<string> {
  return new Promise((resolve) => {
    const proc = spawn(
      process.execPath,
      [
        ...process.execArgv,
        import.meta.filename,
        "--size",
        String(size),
        baseUrl,
        dir,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    proc.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
    proc.on("close", (status) =>
      resolve(status === 0 ? (out.trim().split("\n").at(-1) ?? "") : ""),
    );
  });
}

const one = process.argv.indexOf("--size");
if (one >= 0) {
  const [size, baseUrl, dir] = process.argv.slice(one + 1);
  const figures = await measure(Number(size), baseUrl ?? "", dir ?? "");
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  const sizes = (process.env["FLOWPY_FLYWHEEL_BENCH_SIZES"] ?? "300,1200")
    .split(",")
    .map(Number);
  const server = await startOpenAiTestServer(judgeScript);
  const dir = mkdtempSync(join(tmpdir(), "flowpy-flywheel-bench-"));
  try {
    console.log("\n## flywheel week (scripted loopback judge)\n");
    console.log(
      "| conversations | rows | seconds | conversations/s | peak RSS MB | peak heap MB |",
    );
    console.log("| ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const size of sizes) {
      const line = await child(size, server.baseUrl, dir);
      if (line === "") {
        console.log(`| ${size} | failed | | | | |`);
        continue;
      }
      const f = JSON.parse(line) as Figures;
      console.log(
        `| ${f.conversations} | ${f.rows} | ${f.seconds} | ${f.perSecond} | ${f.peakRssMb} | ${f.peakHeapMb} |`,
      );
      server.reset(judgeScript);
    }
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
