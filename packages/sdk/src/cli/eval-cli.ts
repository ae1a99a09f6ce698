import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readDatasetJsonl } from "../dataset/write-dataset.js";
import type { EvalExample } from "../eval/eval-set/eval-example.js";
import { evalSetFromDatasetRows } from "../eval/eval-set/eval-set-from-rows.js";
import { readEvalSetJsonl } from "../eval/eval-set/read-eval-set.js";
import {
  benchmarkReport,
  metricLabel,
} from "../eval/runner/benchmark-report.js";
import {
  compareRuns,
  type RunComparison,
} from "../eval/runner/compare-runs.js";
import { readBenchmarkRun } from "../eval/runner/read-benchmark-run.js";
import {
  runBenchmark,
  type BenchmarkRun,
} from "../eval/runner/run-benchmark.js";
import { createJudge } from "../eval/judge/create-judge.js";
import { createChatClient } from "../llm/chat-client.js";
import { renderHtmlReport } from "../report/render-html-report.js";
import { createTrajectoryEnvironment } from "../trajectory/default-environment.js";
import {
  evalErrorLine,
  flags,
  readText,
  wholeNumber,
  type Usage,
} from "./cli-input.js";
import { runEvalCommand } from "./eval-command.js";

const USAGE = `flowpy eval — benchmark a served model on an eval set

Usage:
  flowpy eval run --eval-set <file.jsonl> --base-url URL --model MODEL --out DIR
        [--api-key-env VAR] [--concurrency N] [--turn-limit N] [--timeout-ms N] [--max-retries N]
        [--judge-base-url URL --judge-model MODEL] [--store FILE]
  flowpy eval compare <RUN_A> <RUN_B> --out DIR [--min-slice-n N]
  flowpy eval report <RUN> [<RUN_B> [--min-slice-n N]] --out report.html
  flowpy eval judge …       (the faceted LLM judge; flowpy eval judge --help)
  flowpy eval calibrate …   (judge calibration against human labels; flowpy eval calibrate --help)

run sends every example through the production agent loop (system prompt, the SDK's tools
answering the model's tool calls, up to --turn-limit answers, 12 by default) against an
OpenAI-compatible endpoint, scores it (compiles with zero diagnostics, equivalent to the
reference in the simulator, declined when it should, turns, latency, tokens, cost) and
writes DIR/run.json, DIR/summary.md and DIR/report.html. The eval set is either eval-set
JSONL (one example per line) or a dataset split written by flowpy dataset build
(eval.jsonl / test.jsonl rows). Finished examples are kept in a DuckDB store
(DIR/.flowpy-eval.duckdb unless --store), so the same command after a kill resumes.
Every example is sliced by its request kind and its reference's tags (trigger, condition
patterns, actions, apps, email, loops, Liquid, waits, HTTP, metafields, size); run.json,
summary.md and the report give each slice's rates with intervals and its share of the
failures. A RUN is a run directory or its run.json. compare prints and writes
(DIR/comparison.json, DIR/report.html) B against A: paired differences with intervals and
McNemar overall and per slice, and the slices that regressed (slices with at least
--min-slice-n examples in both runs, 10 by default, p < 0.05). report writes one run's
report, or with two runs the report compare writes.
Exit status: 0 done, 1 done but some examples failed, 2 usage or unreadable input or a
dead endpoint, 3 internal error.`;

export interface EvalCliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** The environment variables (API keys come from here, never from arguments). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Rows as columns padded to their widest cell; `right` marks the right-aligned columns. */
function aligned(
  rows: readonly (readonly string[])[],
  right: readonly boolean[],
): string {
  const widths = (rows[0] ?? []).map((_, i) =>
    Math.max(...rows.map((r) => (r[i] ?? "").length)),
  );
  return rows
    .map((r) =>
      r
        .map((cell, i) =>
          right[i] === true
            ? cell.padStart(widths[i] ?? 0)
            : cell.padEnd(widths[i] ?? 0),
        )
        .join("  ")
        .trimEnd(),
    )
    .join("\n")
    .concat("\n");
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

function summaryTable(run: BenchmarkRun): string {
  return aligned(
    [
      ["metric", "value", "95% interval (n)"],
      ...run.summary.rates.map((r) => [
        metricLabel(r.metric),
        pct(r.rate),
        `${pct(r.interval.low)} – ${pct(r.interval.high)} (${r.n})`,
      ]),
      ...run.summary.means.map((m) => [
        `${metricLabel(m.metric)}, mean`,
        m.metric === "costUsd" ? `$${m.mean.toFixed(6)}` : m.mean.toFixed(1),
        `${m.interval.low.toFixed(m.metric === "costUsd" ? 6 : 1)} – ${m.interval.high.toFixed(m.metric === "costUsd" ? 6 : 1)} (${m.n})`,
      ]),
    ],
    [false, true, false],
  );
}

/** Every slice's pass/fail rates with intervals, then each metric's failure shares (summary.md). */
function sliceTable(run: BenchmarkRun): string {
  const rates = run.summary.rates.map((r) => r.metric);
  const slices = aligned(
    [
      ["slice", "n", ...rates.map(metricLabel)],
      ...run.summary.slices.map((s) => [
        s.key,
        String(s.n),
        ...rates.map((m) => {
          const v = s.metrics[m];
          return v === undefined
            ? "–"
            : `${pct(v.value)}${v.interval === null ? "" : ` [${pct(v.interval.low)}, ${pct(v.interval.high)}]`} (${v.n})`;
        }),
      ]),
    ],
    [false, true, ...rates.map(() => true)],
  );
  const shares = run.summary.failureShares
    .filter((f) => f.failures > 0)
    .map(
      (f) =>
        `${metricLabel(f.metric)}: ${f.failures} failures\n${aligned(
          [
            ["slice", "failures", "share"],
            ...f.shares.map((x) => [x.slice, String(x.failures), pct(x.share)]),
          ],
          [false, true, true],
        )}`,
    );
  return `${slices}${shares.length === 0 ? "" : `\n${shares.join("\n")}`}`;
}

/** B − A per metric, per slice, and the regressed slices, as `flowpy eval compare` prints them. */
function comparisonTables(cmp: RunComparison): string {
  const { minSliceN, alpha } = cmp.regressionTest;
  const regressed = new Set(
    cmp.regressions.map((r) => `${r.slice}\u0000${r.metric}`),
  );
  const overall = cmp.metrics.map((m) => {
    const c = m.comparison;
    return `${metricLabel(m.metric).padEnd(32)} B−A ${c.meanDifference.toFixed(3).padStart(8)}  [${c.bootstrap.low.toFixed(3)}, ${c.bootstrap.high.toFixed(3)}]  W/T/L ${c.wins}/${c.ties}/${c.losses}${c.mcnemar === null ? "" : `  McNemar p=${c.mcnemar.pValue.toPrecision(3)}`}`;
  });
  const bySlice = aligned(
    [
      ["slice", "metric", "n", "A", "B", "B−A", "95% interval", "W/T/L", ""],
      ...cmp.slices.map((m) => {
        const c = m.comparison;
        return [
          m.slice ?? "all",
          metricLabel(m.metric),
          String(c.n),
          pct(c.meanA),
          pct(c.meanB),
          pct(c.meanDifference),
          `[${pct(c.bootstrap.low)}, ${pct(c.bootstrap.high)}]`,
          `${c.wins}/${c.ties}/${c.losses}`,
          regressed.has(`${m.slice ?? "all"}\u0000${m.metric}`)
            ? "regressed"
            : "",
        ];
      }),
    ],
    [false, false, true, true, true, true, false, true, false],
  );
  const tested = `slices with at least ${minSliceN} examples in both runs, p < ${alpha}`;
  const regressions =
    cmp.regressions.length === 0
      ? `No slice regressed (${tested}).\n`
      : `Regressed slices (${tested}):\n${aligned(
          [
            [
              "slice",
              "metric",
              "A",
              "B",
              "drop",
              "test",
              "p",
              "extra failures",
            ],
            ...cmp.regressions.map((r) => [
              r.slice,
              metricLabel(r.metric),
              pct(r.before),
              pct(r.after),
              pct(r.drop),
              r.test,
              r.pValue.toPrecision(3),
              r.impact.toFixed(1),
            ]),
          ],
          [false, false, true, true, true, false, true, true],
        )}`;
  return `B − A over all paired examples\n${overall.join("\n")}\n\nB − A by slice (paired over the examples both runs put in the slice)\n${bySlice}\n${regressions}`;
}

/** Eval-set JSONL, or dataset rows (lines with `messages` and `meta`) turned into examples. */
async function loadEvalSet(
  file: string,
  io: EvalCliIo,
): Promise<readonly EvalExample[] | Usage> {
  const text = readText(file);
  if (typeof text !== "string") return text;
  const firstLine = text.split("\n").find((l) => l.trim() !== "") ?? "";
  const isRows = /^\s*\{\s*"messages"/.test(firstLine);
  let read;
  if (isRows) {
    const rows = readDatasetJsonl(text);
    if (!rows.ok) {
      for (const d of rows.diagnostics) io.err(evalErrorLine(d));
      return { usage: `${file} is not a readable dataset split` };
    }
    const env = await createTrajectoryEnvironment();
    read = evalSetFromDatasetRows(rows.value, {
      compiler: env.compiler,
      toolSet: env.toolSet,
    });
  } else read = readEvalSetJsonl(text, file);
  for (const d of read.diagnostics) io.err(evalErrorLine(d));
  return read.ok ? read.value : { usage: `${file} holds no usable example` };
}

async function run(args: readonly string[], io: EvalCliIo): Promise<number> {
  const parsed = flags(args, [
    "--eval-set",
    "--base-url",
    "--model",
    "--out",
    "--api-key-env",
    "--concurrency",
    "--turn-limit",
    "--timeout-ms",
    "--max-retries",
    "--judge-base-url",
    "--judge-model",
    "--store",
  ]);
  if ("usage" in parsed) return usage(io, parsed.usage);
  const v = parsed.values;
  if (parsed.positional.length > 0)
    return usage(io, `unexpected argument ${parsed.positional[0]}`);
  const evalSet = v.get("--eval-set");
  const baseUrl = v.get("--base-url");
  const model = v.get("--model");
  const out = v.get("--out");
  if (evalSet === undefined) return usage(io, "missing --eval-set");
  if (baseUrl === undefined) return usage(io, "missing --base-url");
  if (model === undefined) return usage(io, "missing --model");
  if (out === undefined) return usage(io, "missing --out");
  const judgeBaseUrl = v.get("--judge-base-url");
  const judgeModel = v.get("--judge-model");
  if ((judgeBaseUrl === undefined) !== (judgeModel === undefined))
    return usage(io, "--judge-base-url and --judge-model go together");
  const concurrency = wholeNumber(v.get("--concurrency"), "--concurrency", 4);
  if (typeof concurrency !== "number") return usage(io, concurrency.usage);
  const turnLimit = wholeNumber(v.get("--turn-limit"), "--turn-limit", 12);
  if (typeof turnLimit !== "number") return usage(io, turnLimit.usage);
  const timeoutMs = wholeNumber(v.get("--timeout-ms"), "--timeout-ms", 120_000);
  if (typeof timeoutMs !== "number") return usage(io, timeoutMs.usage);
  const retriesText = v.get("--max-retries");
  const maxRetries =
    retriesText === undefined
      ? 4
      : /^\d+$/.test(retriesText)
        ? Number(retriesText)
        : undefined;
  if (maxRetries === undefined || !Number.isSafeInteger(maxRetries))
    return usage(
      io,
      `--max-retries needs a whole number, got "${retriesText}"`,
    );
  const keyEnv = v.get("--api-key-env");
  const apiKey = keyEnv === undefined ? undefined : io.env[keyEnv];
  if (keyEnv !== undefined && (apiKey === undefined || apiKey === ""))
    return usage(
      io,
      `the environment variable ${keyEnv} (--api-key-env) is not set`,
    );
  const examples = await loadEvalSet(evalSet, io);
  if ("usage" in examples) return usage(io, examples.usage);
  const env = await createTrajectoryEnvironment();
  const client = createChatClient({
    baseUrl,
    model,
    concurrency,
    timeoutMs,
    maxRetries,
    ...(apiKey === undefined ? {} : { apiKey }),
  });
  mkdirSync(out, { recursive: true });
  const result = await runBenchmark({
    examples,
    client,
    environment: {
      catalog: env.catalog,
      compiler: env.compiler,
      toolSet: env.toolSet,
      ...(env.indexes === undefined ? {} : { indexes: env.indexes }),
    },
    concurrency,
    turnLimit,
    ...(judgeBaseUrl === undefined || judgeModel === undefined
      ? {}
      : {
          // The judge model is served like the agent's; the same API key variable applies.
          judge: createJudge(
            createChatClient({
              baseUrl: judgeBaseUrl,
              model: judgeModel,
              concurrency,
              timeoutMs,
              maxRetries,
              ...(apiKey === undefined ? {} : { apiKey }),
            }),
          ),
        }),
    storePath: v.get("--store") ?? join(out, ".flowpy-eval.duckdb"),
    onExample: (r, done, total) =>
      io.err(
        `[${done}/${total}] ${r.exampleId}: ${r.status === "error" ? `error (${r.diagnostics.find((d) => d.severity === "error")?.code ?? "?"})` : `${r.stop}, ${r.metrics.turns} turns`}\n`,
      ),
  });
  if (!result.ok) {
    for (const d of result.diagnostics) io.err(evalErrorLine(d));
    return 2;
  }
  for (const d of result.diagnostics)
    if (d.severity !== "note") io.err(evalErrorLine(d));
  const value = result.value;
  writeFileSync(join(out, "run.json"), `${JSON.stringify(value, null, 2)}\n`);
  const table = summaryTable(value);
  writeFileSync(
    join(out, "summary.md"),
    `# ${value.model}\n\n\`\`\`\n${table}\`\`\`\n\n## By slice\n\n\`\`\`\n${sliceTable(value)}\`\`\`\n`,
  );
  writeFileSync(
    join(out, "report.html"),
    renderHtmlReport(benchmarkReport(value)),
  );
  io.out(table);
  io.out(
    `wrote ${join(out, "run.json")}, summary.md and report.html (${value.resumed} examples resumed from the store)\n`,
  );
  return value.summary.errors > 0 ? 1 : 0;
}

function loadRun(path: string, io: EvalCliIo): BenchmarkRun | Usage {
  const file = path.endsWith(".json") ? path : join(path, "run.json");
  const text = readText(file);
  if (typeof text !== "string") return text;
  const read = readBenchmarkRun(text, file);
  if (!read.ok) {
    for (const d of read.diagnostics) io.err(evalErrorLine(d));
    return { usage: `${file} is not a benchmark run` };
  }
  return read.value;
}

/** `--min-slice-n` (10 unless given). */
function minSliceNOf(values: ReadonlyMap<string, string>): number | Usage {
  return wholeNumber(values.get("--min-slice-n"), "--min-slice-n", 10);
}

/** Run B against run A, as compare and a two-run report need it; diagnostics go to stderr. */
function compared(
  pathA: string,
  pathB: string,
  minSliceN: number,
  io: EvalCliIo,
):
  | {
      readonly a: BenchmarkRun;
      readonly b: BenchmarkRun;
      readonly cmp: RunComparison;
    }
  | Usage
  | "failed" {
  const a = loadRun(pathA, io);
  if ("usage" in a) return a;
  const b = loadRun(pathB, io);
  if ("usage" in b) return b;
  const cmp = compareRuns(a, b, { minSliceN });
  for (const d of cmp.diagnostics) io.err(evalErrorLine(d));
  return cmp.ok ? { a, b, cmp: cmp.value } : "failed";
}

function compare(args: readonly string[], io: EvalCliIo): number {
  const parsed = flags(args, ["--out", "--min-slice-n"]);
  if ("usage" in parsed) return usage(io, parsed.usage);
  const [pathA, pathB, ...extra] = parsed.positional;
  const out = parsed.values.get("--out");
  if (pathA === undefined || pathB === undefined || extra.length > 0)
    return usage(io, "compare needs two runs, RUN_A and RUN_B");
  if (out === undefined) return usage(io, "missing --out");
  const minSliceN = minSliceNOf(parsed.values);
  if (typeof minSliceN !== "number") return usage(io, minSliceN.usage);
  const both = compared(pathA, pathB, minSliceN, io);
  if (both === "failed") return 2;
  if ("usage" in both) return usage(io, both.usage);
  const { a, b, cmp } = both;
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, "comparison.json"),
    `${JSON.stringify(cmp, null, 2)}\n`,
  );
  writeFileSync(
    join(out, "report.html"),
    renderHtmlReport(benchmarkReport(b, { baseline: a, comparison: cmp })),
  );
  io.out(
    `${comparisonTables(cmp)}wrote ${join(out, "comparison.json")} and report.html\n`,
  );
  return 0;
}

/** One run's report, or with two runs B against A (the report compare writes). */
function report(args: readonly string[], io: EvalCliIo): number {
  const parsed = flags(args, ["--out", "--min-slice-n"]);
  if ("usage" in parsed) return usage(io, parsed.usage);
  const [pathA, pathB, ...extra] = parsed.positional;
  const out = parsed.values.get("--out");
  if (pathA === undefined || extra.length > 0)
    return usage(io, "report needs one run, or two runs RUN_A RUN_B");
  if (out === undefined) return usage(io, "missing --out");
  if (pathB === undefined) {
    if (parsed.values.has("--min-slice-n"))
      return usage(io, "--min-slice-n goes with two runs");
    const r = loadRun(pathA, io);
    if ("usage" in r) return usage(io, r.usage);
    writeFileSync(out, renderHtmlReport(benchmarkReport(r)));
  } else {
    const minSliceN = minSliceNOf(parsed.values);
    if (typeof minSliceN !== "number") return usage(io, minSliceN.usage);
    const both = compared(pathA, pathB, minSliceN, io);
    if (both === "failed") return 2;
    if ("usage" in both) return usage(io, both.usage);
    writeFileSync(
      out,
      renderHtmlReport(
        benchmarkReport(both.b, { baseline: both.a, comparison: both.cmp }),
      ),
    );
  }
  io.out(`wrote ${out}\n`);
  return 0;
}

function usage(io: EvalCliIo, message: string): number {
  io.err(`flowpy eval: ${message}\n\n${USAGE}\n`);
  return 2;
}

/** `flowpy eval …` (also the `flowpy-eval` binary): returns the exit status. */
export async function runEvalCli(
  argv: readonly string[],
  io: EvalCliIo,
): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case "run":
        return await run(rest, io);
      case "compare":
        return compare(rest, io);
      case "report":
        return report(rest, io);
      case "judge":
      case "calibrate":
        return await runEvalCommand(argv, io);
      case undefined:
      case "--help":
      case "-h":
      case "help":
        io.out(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        return usage(io, `unknown command ${command}`);
    }
  } catch (e) {
    io.err(
      `flowpy eval: internal error: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 3;
  }
}
