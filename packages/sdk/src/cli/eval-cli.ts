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
import { compareRuns } from "../eval/runner/compare-runs.js";
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
  flowpy eval compare <RUN_A> <RUN_B> --out DIR
  flowpy eval report <RUN> --out report.html
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
A RUN is a run directory or its run.json. compare writes DIR/comparison.json and
DIR/report.html (B against A: paired differences with intervals, McNemar).
Exit status: 0 done, 1 done but some examples failed, 2 usage or unreadable input or a
dead endpoint, 3 internal error.`;

export interface EvalCliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** The environment variables (API keys come from here, never from arguments). */
  readonly env: Readonly<Record<string, string | undefined>>;
}

function summaryTable(run: BenchmarkRun): string {
  const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
  const rows: [string, string, string][] = [
    ["metric", "value", "95% interval (n)"],
    ...run.summary.rates.map((r): [string, string, string] => [
      metricLabel(r.metric),
      pct(r.rate),
      `${pct(r.interval.low)} – ${pct(r.interval.high)} (${r.n})`,
    ]),
    ...run.summary.means.map((m): [string, string, string] => [
      `${metricLabel(m.metric)}, mean`,
      m.metric === "costUsd" ? `$${m.mean.toFixed(6)}` : m.mean.toFixed(1),
      `${m.interval.low.toFixed(m.metric === "costUsd" ? 6 : 1)} – ${m.interval.high.toFixed(m.metric === "costUsd" ? 6 : 1)} (${m.n})`,
    ]),
  ];
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  return `${rows.map(([a, b, c]) => `${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`).join("\n")}\n`;
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
    `# ${value.model}\n\n\`\`\`\n${table}\`\`\`\n`,
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

function compare(args: readonly string[], io: EvalCliIo): number {
  const parsed = flags(args, ["--out"]);
  if ("usage" in parsed) return usage(io, parsed.usage);
  const [pathA, pathB, ...extra] = parsed.positional;
  const out = parsed.values.get("--out");
  if (pathA === undefined || pathB === undefined || extra.length > 0)
    return usage(io, "compare needs two runs, RUN_A and RUN_B");
  if (out === undefined) return usage(io, "missing --out");
  const a = loadRun(pathA, io);
  if ("usage" in a) return usage(io, a.usage);
  const b = loadRun(pathB, io);
  if ("usage" in b) return usage(io, b.usage);
  const cmp = compareRuns(a, b);
  for (const d of cmp.diagnostics) io.err(evalErrorLine(d));
  if (!cmp.ok) return 2;
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, "comparison.json"),
    `${JSON.stringify(cmp.value, null, 2)}\n`,
  );
  writeFileSync(
    join(out, "report.html"),
    renderHtmlReport(
      benchmarkReport(b, { baseline: a, comparison: cmp.value }),
    ),
  );
  const lines = cmp.value.metrics.map((m) => {
    const c = m.comparison;
    return `${metricLabel(m.metric).padEnd(32)} B−A ${c.meanDifference.toFixed(3).padStart(8)}  [${c.bootstrap.low.toFixed(3)}, ${c.bootstrap.high.toFixed(3)}]  W/T/L ${c.wins}/${c.ties}/${c.losses}${c.mcnemar === null ? "" : `  McNemar p=${c.mcnemar.pValue.toPrecision(3)}`}`;
  });
  io.out(
    `${lines.join("\n")}\nwrote ${join(out, "comparison.json")} and report.html\n`,
  );
  return 0;
}

function report(args: readonly string[], io: EvalCliIo): number {
  const parsed = flags(args, ["--out"]);
  if ("usage" in parsed) return usage(io, parsed.usage);
  const [path, ...extra] = parsed.positional;
  const out = parsed.values.get("--out");
  if (path === undefined || extra.length > 0)
    return usage(io, "report needs one run");
  if (out === undefined) return usage(io, "missing --out");
  const r = loadRun(path, io);
  if ("usage" in r) return usage(io, r.usage);
  writeFileSync(out, renderHtmlReport(benchmarkReport(r)));
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
