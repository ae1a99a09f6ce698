import { statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostic } from "@flowpy/transpiler";
import {
  buildDataset,
  type BuildDatasetOptions,
  type DatasetBuildSummary,
  type PipelineProgress,
} from "../pipeline/build-dataset.js";
import { requestStyles, type RequestStyle } from "../requests/request-style.js";
import { allocations } from "../sampling/allocate-quotas.js";
import { workflowTagKeys, type WorkflowTagKey } from "../tags/workflow-tags.js";

const USAGE = `flowpy dataset — training datasets from production workflows

Usage:
  flowpy dataset build --input <file.jsonl|file.parquet|folder> --out <dir>
        [--seed N] [--styles terse,detailed,non_native,vague] [--name NAME] [--no-thinking]
        [--now ISO-TIME] [--ran-within-days N] [--min-per-merchant K] [--max-per-merchant M]
        [--target N] [--stratify-by trigger,actionFamilies,…] [--allocation equal|sqrt|proportional]
        [--salt TEXT]
        [--llm-base-url URL --llm-model MODEL [--llm-api-key-env VAR] [--concurrency N]
         [--price-input-per-mtok USD --price-output-per-mtok USD] [--budget-usd X]
         [--budget-tokens N] [--llm-cache DIR]]
        [--eval-set <file|folder>] [--store FILE] [--batch-size N]
        [--progress auto|lines|none] [--dry-run] [--json]

Reads workflow records (JSONL or Parquet; a folder of workflow documents is read as one
record per file), quarantines bad records to <out>/quarantine.jsonl, redacts, dedups,
splits train/eval/test grouped by merchant and structure, writes a request per workflow and
style (offline writer unless --llm-base-url is given) and the ideal conversation for each,
and exports <split>.jsonl and <split>.parquet, card.json/card.md and report.json/report.md.
State lives in a DuckDB store (<out>/.flowpy-store.duckdb unless --store): the same command
after a kill resumes and gives byte-identical files; after a finished run it does nothing.
Sampling: every readable workflow by default; --ran-within-days keeps workflows that ran in
the N days before --now (required with it; the clock is never read; not for folders, which
carry no run statistics), --min-per-merchant keeps merchants with at least K of those,
--max-per-merchant caps each merchant, --target samples N stratified by tag keys
(--stratify-by) with --allocation sharing the target among strata. --salt keys the
redaction placeholders (flowpy-<seed> by default).
LLM writer: prices are per million tokens; --budget-usd and --budget-tokens hold for the
whole run across resumes; answers are cached in --llm-cache (<out>/.flowpy-llm-cache).
--dry-run estimates requests, tokens and cost without writing or calling anything.
Exit status: 0 done, 1 stopped by the budget (run again with a higher one to resume),
2 usage or unreadable input, 3 internal error.`;

export interface DatasetCliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Whether stderr is a terminal (progress bars) or not (plain periodic lines). */
  readonly tty: boolean;
  /** Milliseconds since some fixed point; progress rates only, never in output files. */
  readonly now: () => number;
}

type Parsed =
  | {
      readonly kind: "options";
      readonly options: BuildDatasetOptions;
      readonly json: boolean;
      readonly progress: ProgressMode;
    }
  | { readonly kind: "usage"; readonly message: string };

const valued = [
  "--input",
  "--out",
  "--seed",
  "--styles",
  "--name",
  "--llm-base-url",
  "--llm-model",
  "--llm-api-key-env",
  "--budget-usd",
  "--budget-tokens",
  "--price-input-per-mtok",
  "--price-output-per-mtok",
  "--llm-cache",
  "--concurrency",
  "--now",
  "--ran-within-days",
  "--min-per-merchant",
  "--max-per-merchant",
  "--target",
  "--stratify-by",
  "--allocation",
  "--salt",
  "--eval-set",
  "--store",
  "--batch-size",
  "--progress",
] as const;
type Valued = (typeof valued)[number];

/** `auto`: a bar on a terminal, a line every few seconds otherwise; `lines`: a line per batch. */
type ProgressMode = "auto" | "lines" | "none";
const progressModes: readonly ProgressMode[] = ["auto", "lines", "none"];

function wholeNumber(text: string, flag: string, min: number): number | string {
  const n = Number(text);
  return /^\d+$/.test(text) && Number.isSafeInteger(n) && n >= min
    ? n
    : `${flag} needs a whole number ≥ ${min}, got "${text}"`;
}

function amount(text: string, flag: string): number | string {
  const n = Number(text);
  return /^\d+(\.\d+)?$/.test(text) && Number.isFinite(n)
    ? n
    : `${flag} needs an amount ≥ 0, got "${text}"`;
}

/** The sampling options, or the usage message naming the bad option. */
function samplingOptions(
  values: ReadonlyMap<Valued, string>,
): BuildDatasetOptions["sampling"] | string {
  const now = values.get("--now");
  if (
    now !== undefined &&
    !(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(
        now,
      ) && Number.isFinite(Date.parse(now))
    )
  )
    return `--now needs an ISO 8601 time with an offset (e.g. 2026-01-31T00:00:00Z), got "${now}"`;
  const days = values.get("--ran-within-days");
  const ranWithinDays =
    days === undefined ? undefined : amount(days, "--ran-within-days");
  if (typeof ranWithinDays === "string") return ranWithinDays;
  if (ranWithinDays !== undefined && now === undefined)
    return "--ran-within-days needs --now (the reference time; the clock is never read)";
  const counts: Record<string, number> = {};
  for (const [flag, key] of [
    ["--min-per-merchant", "minQualifyingPerMerchant"],
    ["--max-per-merchant", "maxPerMerchant"],
    ["--target", "target"],
  ] as const) {
    const text = values.get(flag);
    if (text === undefined) continue;
    const n = wholeNumber(text, flag, flag === "--min-per-merchant" ? 0 : 1);
    if (typeof n === "string") return n;
    counts[key] = n;
  }
  const stratifyText = values.get("--stratify-by");
  const stratifyBy: WorkflowTagKey[] = [];
  for (const k of stratifyText?.split(",").map((t) => t.trim()) ?? []) {
    const key = workflowTagKeys.find((t) => t === k);
    if (key === undefined)
      return `--stratify-by: unknown tag key "${k}" (known: ${workflowTagKeys.join(", ")})`;
    stratifyBy.push(key);
  }
  const allocationText = values.get("--allocation");
  const allocation =
    allocationText === undefined
      ? undefined
      : allocations.find((a) => a === allocationText);
  if (allocationText !== undefined && allocation === undefined)
    return `--allocation is one of ${allocations.join(", ")}, got "${allocationText}"`;
  if (
    (stratifyText !== undefined || allocation !== undefined) &&
    counts["target"] === undefined
  )
    return "--stratify-by and --allocation need --target (without a target every workflow is kept)";
  return {
    ...(now === undefined ? {} : { now }),
    ...(ranWithinDays === undefined ? {} : { ranWithinDays }),
    ...counts,
    ...(stratifyText === undefined ? {} : { stratifyBy }),
    ...(allocation === undefined ? {} : { allocation }),
  };
}

function parse(args: readonly string[]): Parsed {
  const values = new Map<Valued, string>();
  let json = false;
  let dryRun = false;
  let thinking = true;
  const usage = (message: string): Parsed => ({ kind: "usage", message });
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? "";
    const flag = valued.find((f) => f === a);
    if (flag !== undefined) {
      const v = args[++i];
      if (v === undefined) return usage(`${a} needs a value`);
      if (values.has(flag)) return usage(`${a} given twice`);
      values.set(flag, v);
    } else if (a === "--json") json = true;
    else if (a === "--dry-run") dryRun = true;
    else if (a === "--no-thinking") thinking = false;
    else return usage(`unknown option ${a}`);
  }
  const input = values.get("--input");
  const out = values.get("--out");
  if (input === undefined) return usage("missing --input");
  if (out === undefined && !dryRun) return usage("missing --out");
  const seed = wholeNumber(values.get("--seed") ?? "0", "--seed", 0);
  if (typeof seed === "string") return usage(seed);
  const batch = wholeNumber(
    values.get("--batch-size") ?? "64",
    "--batch-size",
    1,
  );
  if (typeof batch === "string") return usage(batch);
  const stylesText = values.get("--styles");
  const styles =
    stylesText === undefined
      ? undefined
      : stylesText.split(",").map((s) => s.trim());
  for (const s of styles ?? [])
    if (!(requestStyles as readonly string[]).includes(s))
      return usage(`unknown style "${s}" (known: ${requestStyles.join(", ")})`);
  const baseUrl = values.get("--llm-base-url");
  const model = values.get("--llm-model");
  let llm: BuildDatasetOptions["llm"];
  if (baseUrl !== undefined || model !== undefined) {
    if (baseUrl === undefined || model === undefined)
      return usage("--llm-base-url and --llm-model go together");
    const budgetText = values.get("--budget-usd");
    const budget =
      budgetText === undefined ? undefined : amount(budgetText, "--budget-usd");
    if (typeof budget === "string") return usage(budget);
    const tokensText = values.get("--budget-tokens");
    const budgetTokens =
      tokensText === undefined
        ? undefined
        : wholeNumber(tokensText, "--budget-tokens", 0);
    if (typeof budgetTokens === "string") return usage(budgetTokens);
    const priceIn = values.get("--price-input-per-mtok");
    const priceOut = values.get("--price-output-per-mtok");
    if ((priceIn === undefined) !== (priceOut === undefined))
      return usage(
        "--price-input-per-mtok and --price-output-per-mtok go together",
      );
    const inputPrice =
      priceIn === undefined ? 0 : amount(priceIn, "--price-input-per-mtok");
    if (typeof inputPrice === "string") return usage(inputPrice);
    const outputPrice =
      priceOut === undefined ? 0 : amount(priceOut, "--price-output-per-mtok");
    if (typeof outputPrice === "string") return usage(outputPrice);
    if (budget !== undefined && priceIn === undefined)
      return usage(
        "--budget-usd needs --price-input-per-mtok and --price-output-per-mtok (without prices every answer costs $0)",
      );
    const cacheDir = values.get("--llm-cache");
    const concurrency = wholeNumber(
      values.get("--concurrency") ?? "4",
      "--concurrency",
      1,
    );
    if (typeof concurrency === "string") return usage(concurrency);
    const keyEnv = values.get("--llm-api-key-env");
    llm = {
      baseUrl,
      model,
      concurrency,
      ...(keyEnv === undefined ? {} : { apiKeyEnv: keyEnv }),
      ...(budget === undefined ? {} : { budgetUsd: budget }),
      ...(budgetTokens === undefined ? {} : { budgetTokens }),
      ...(priceIn === undefined
        ? {}
        : {
            pricing: {
              inputPerMillionUsd: inputPrice,
              outputPerMillionUsd: outputPrice,
            },
          }),
      ...(cacheDir === undefined ? {} : { cacheDir }),
    };
  } else
    for (const flag of [
      "--llm-api-key-env",
      "--budget-usd",
      "--budget-tokens",
      "--price-input-per-mtok",
      "--price-output-per-mtok",
      "--llm-cache",
      "--concurrency",
    ] as const)
      if (values.has(flag))
        return usage(`${flag} needs --llm-base-url and --llm-model`);
  const sampling = samplingOptions(values);
  if (typeof sampling === "string") return usage(sampling);
  const salt = values.get("--salt");
  if (salt === "") return usage("--salt needs a non-empty value");
  const progressText = values.get("--progress") ?? "auto";
  const progress = progressModes.find((m) => m === progressText);
  if (progress === undefined)
    return usage(
      `--progress is one of ${progressModes.join(", ")}, got "${progressText}"`,
    );
  const name = values.get("--name");
  const evalSet = values.get("--eval-set");
  const store = values.get("--store");
  return {
    kind: "options",
    json,
    progress,
    options: {
      input,
      out: out ?? "",
      seed,
      batchSize: batch,
      enableThinking: thinking,
      dryRun,
      ...(styles === undefined ? {} : { styles: styles as RequestStyle[] }),
      ...(name === undefined ? {} : { name }),
      ...(evalSet === undefined ? {} : { evalSet }),
      ...(store === undefined ? {} : { store }),
      ...(llm === undefined ? {} : { llm }),
      ...(sampling === undefined || Object.keys(sampling).length === 0
        ? {}
        : { sampling }),
      ...(salt === undefined ? {} : { salt }),
    },
  };
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

interface ProgressReporter {
  readonly onProgress: (p: PipelineProgress) => void;
  /** Prints what the last stage reached when that was not printed yet (plain lines only). */
  readonly finish: () => void;
}

/**
 * Progress on stderr: a redrawn bar on a terminal; otherwise a plain line every few
 * seconds, plus each stage's final count, and nothing for a stage that did nothing (its
 * opening 0 is not printed unless `lines` asks for every event).
 */
function progressReporter(
  io: DatasetCliIo,
  mode: "auto" | "lines",
): ProgressReporter {
  let stage = "";
  let started = io.now();
  let lastLine = 0;
  // The stage's latest line when it was not printed (plain lines only).
  let unprinted: string | undefined;
  const flush = () => {
    if (unprinted !== undefined) io.err(unprinted);
    unprinted = undefined;
  };
  const onProgress = (p: PipelineProgress) => {
    const now = io.now();
    if (p.stage !== stage) {
      if (io.tty && mode === "auto" && stage !== "") io.err("\n");
      flush();
      stage = p.stage;
      started = now;
      lastLine = 0;
    }
    const elapsed = (now - started) / 1000;
    const rate = elapsed > 0 ? p.done / elapsed : 0;
    const rateText = elapsed > 0 ? `${rate.toFixed(1)}/s` : "?/s";
    const eta =
      p.total === null || rate === 0
        ? "?"
        : duration((p.total - p.done) / rate);
    const count = p.total === null ? `${p.done}` : `${p.done}/${p.total}`;
    const cost = `$${p.costUsd.toFixed(4)}`;
    if (io.tty && mode === "auto") {
      const width = 24;
      const filled =
        p.total === null || p.total === 0
          ? 0
          : Math.round((p.done / p.total) * width);
      const bar = `${"#".repeat(filled)}${"-".repeat(width - filled)}`;
      io.err(
        `\r${p.stage.padEnd(8)} [${bar}] ${count} ${rateText} ETA ${eta} ${cost}\x1b[K`,
      );
      return;
    }
    const line = `${p.stage}: ${count} (${rateText}, ETA ${eta}, ${cost})\n`;
    if (mode === "lines") io.err(line);
    else if (p.done === 0) return;
    else if (lastLine === 0 || now - lastLine >= 5000) {
      lastLine = now;
      unprinted = undefined;
      io.err(line);
    } else unprinted = line;
  };
  return { onProgress, finish: flush };
}

function summaryTable(s: DatasetBuildSummary, out: string): string {
  const rows: [string, string][] = [
    ["status", s.noOp ? `${s.status} (nothing to do)` : s.status],
    ["output", out === "" ? "-" : out],
    ["records read", String(s.records)],
    ["quarantined", String(s.quarantined)],
    ["sampled", String(s.sampled)],
    ["rejected by redaction", String(s.rejectedItems)],
    ["exact duplicates", String(s.duplicates)],
    ["requests", String(s.requests)],
    ["rejected conversations", String(s.rejectedRows)],
    ["rows train/eval/test", `${s.rows.train}/${s.rows.eval}/${s.rows.test}`],
    ["LLM tokens in/out", `${s.inputTokens}/${s.outputTokens}`],
    ["LLM cost", `$${s.costUsd.toFixed(4)}`],
    ...(s.llm === undefined
      ? []
      : ([
          [
            "LLM answers fresh/cached",
            `${s.llm.freshAnswers}/${s.llm.cachedAnswers}`,
          ],
          [
            "LLM attempts/retries/failed",
            `${s.llm.attempts}/${s.llm.retries}/${s.llm.failed}`,
          ],
        ] as [string, string][])),
    [
      "dataset version",
      s.version === null ? "-" : `${s.version.name} v${s.version.version}`,
    ],
  ];
  if (s.estimate !== undefined)
    rows.push(
      ["estimated requests", String(s.estimate.requests)],
      [
        "estimated tokens in/out",
        `${s.estimate.inputTokens}/${s.estimate.outputTokens}`,
      ],
      ["estimated cost", `$${s.estimate.costUsd.toFixed(4)}`],
    );
  const width = Math.max(...rows.map(([k]) => k.length));
  return `${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n")}\n`;
}

function errorLine(d: Diagnostic): string {
  return `flowpy dataset: error[${d.code}]: ${d.message}\n`;
}

/** How many quarantined records are listed on stderr; the file has them all. */
const LISTED_QUARANTINE = 20;

async function listQuarantine(
  io: DatasetCliIo,
  input: string,
  out: string,
  count: number,
): Promise<void> {
  if (count === 0) return;
  const text = await readFile(join(out, "quarantine.jsonl"), "utf8").catch(
    () => "",
  );
  const jsonl = !statSync(input).isDirectory() && !input.endsWith(".parquet");
  for (const line of text.split("\n").slice(0, LISTED_QUARANTINE)) {
    if (line === "") continue;
    const q = JSON.parse(line) as {
      record: number;
      codes: string[];
      diagnostics: { message: string; path?: string }[];
    };
    const where = jsonl
      ? `${input}:${q.record}`
      : `${input}: record ${q.record}`;
    const reason = q.diagnostics
      .map((d) =>
        d.path === undefined ? d.message : `${d.path}: ${d.message}`,
      )
      .join("; ");
    io.err(`${where}: error[${q.codes[0] ?? "?"}] ${reason}\n`);
  }
  if (count > LISTED_QUARANTINE)
    io.err(`… ${count - LISTED_QUARANTINE} more in ${out}/quarantine.jsonl\n`);
}

async function build(
  args: readonly string[],
  io: DatasetCliIo,
): Promise<number> {
  const parsed = parse(args);
  if (parsed.kind === "usage") {
    io.err(`flowpy dataset: ${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  const { options, json, progress } = parsed;
  const bar = !json && progress === "auto" && io.tty;
  const reporter =
    json || progress === "none" ? undefined : progressReporter(io, progress);
  const result = await buildDataset({
    ...options,
    ...(reporter === undefined ? {} : { onProgress: reporter.onProgress }),
  });
  reporter?.finish();
  if (bar) io.err("\n");
  if (!result.ok) {
    for (const d of result.diagnostics) io.err(errorLine(d));
    return 2;
  }
  const s = result.value;
  if (json) io.out(`${JSON.stringify(s, null, 2)}\n`);
  else {
    if (s.status !== "dry_run")
      await listQuarantine(io, options.input, options.out, s.quarantined);
    io.out(summaryTable(s, options.out));
    if (s.status === "budget_exhausted")
      io.err(
        `flowpy dataset: the LLM budget is spent ($${s.costUsd.toFixed(4)}, ${s.inputTokens + s.outputTokens} tokens so far); the run is saved: run the same command with a higher --budget-usd or --budget-tokens to resume\n`,
      );
  }
  return s.status === "budget_exhausted" ? 1 : 0;
}

/** `flowpy dataset …` (also the `flowpy-dataset` binary): returns the exit status. */
export async function runDatasetCli(
  argv: readonly string[],
  io: DatasetCliIo,
): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case "build":
        return await build(rest, io);
      case undefined:
      case "--help":
      case "-h":
      case "help":
        io.out(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        io.err(`flowpy dataset: unknown command ${command}\n\n${USAGE}\n`);
        return 2;
    }
  } catch (e) {
    io.err(
      `flowpy dataset: internal error: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 3;
  }
}
