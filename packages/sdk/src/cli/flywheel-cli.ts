import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Diagnostic } from "@flowpy/transpiler";
import {
  judgeFacetIds,
  type JudgeFacet,
} from "../eval/calibration/judge-facets.js";
import {
  exportFlywheelDataset,
  flywheelWeekSummary,
  rollbackFlywheelWeek,
} from "../flywheel/flywheel-dataset.js";
import { openDatasetStore, type DatasetStore } from "../store/dataset-store.js";
import { createStandInJudge } from "../flywheel/judge-stand-in.js";
import {
  runFlywheelWeek,
  type FlywheelWeek,
} from "../flywheel/run-flywheel-week.js";
import { renderFlywheelWeekHtml } from "../flywheel/week-report.js";
import { createChatClient } from "../llm/chat-client.js";
import { createRedactor } from "../redact/create-redactor.js";

const USAGE = `flowpy flywheel — the weekly loop over production conversations

Usage:
  flowpy flywheel run --week 2026-W47 --conversations FILE --store DB --out DIR
        --judge-base-url URL --judge-model MODEL (--gate FACET... | --calibration FILE)
        [--dataset NAME] [--concurrency N]
  flowpy flywheel rollback --week 2026-W47 --store DB [--dataset NAME]
  flowpy flywheel report --week 2026-W47 --store DB --out report.html [--dataset NAME]

run reads the week's conversations (JSONL, one production conversation a line), redacts
them with the salt in FLOWPY_REDACT_SALT (required; never pass it on the command line),
tags them, scores them with the judge, routes each to train, eval_candidate, human_review
or quarantine with a reason code, and adds the training rows to the store as the dataset's
next version. Only the facets given by --gate, or marked usable in the calibration report
(--calibration, the JSON of calibrateJudge; its gatingFacets), gate. It writes
DIR/train.jsonl and DIR/lineage.jsonl (the new version), DIR/week.json (the summary with the
decisions and gaps) and DIR/report.html. Running a week again on the same input changes
nothing. rollback removes a week's version (the latest only). report writes a week's HTML.
Exit status: 0 done, 1 refused (the week changed, not the latest, not run), 2 usage or
unreadable input.`;

export interface FlywheelCliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A usage problem, returned up to `runFlywheelCli`, which prints the usage (exit 2). */
interface Usage {
  readonly kind: "usage";
  readonly message: string;
}

const usage = (message: string): Usage => ({ kind: "usage", message });

function isUsage(value: unknown): value is Usage {
  return (
    typeof value === "object" &&
    value !== null &&
    "kind" in value &&
    value.kind === "usage"
  );
}

function refused(
  io: FlywheelCliIo,
  diagnostics: readonly Diagnostic[],
): number {
  for (const d of diagnostics)
    io.err(`flowpy flywheel: ${d.code}: ${d.message}\n`);
  return 1;
}

/** The string options `names`, or the usage problem of the first one missing. */
function required<K extends string>(
  values: Record<string, unknown>,
  names: readonly K[],
): Record<K, string> | Usage {
  const out: Partial<Record<K, string>> = {};
  for (const name of names) {
    const v = values[name];
    if (typeof v !== "string" || v === "")
      return usage(`--${name} is required`);
    out[name] = v;
  }
  return out as Record<K, string>;
}

async function withStore(
  path: string,
  io: FlywheelCliIo,
  work: (store: DatasetStore) => Promise<number>,
): Promise<number> {
  const opened = await openDatasetStore(path);
  if (!opened.ok) {
    refused(io, opened.diagnostics);
    return 2;
  }
  try {
    return await work(opened.value);
  } finally {
    opened.value.close();
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** `parseArgs` with its errors (unknown or malformed options) as usage problems. */
function parse(
  argv: readonly string[],
  options: Options,
): Record<string, unknown> | Usage {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: false })
      .values;
  } catch (e) {
    return usage(e instanceof Error ? e.message : String(e));
  }
}

async function gatingFacets(
  values: Record<string, unknown>,
): Promise<readonly JudgeFacet[] | Usage> {
  const gates = (values["gate"] as string[] | undefined) ?? [];
  const calibration = values["calibration"];
  for (const g of gates)
    if (!(judgeFacetIds as readonly string[]).includes(g))
      return usage(`--gate ${g} is not a facet (${judgeFacetIds.join(", ")})`);
  let fromCalibration: readonly string[] = [];
  if (typeof calibration === "string") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(calibration, "utf8"));
    } catch (e) {
      return usage(
        `cannot read the calibration ${calibration}: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
    const list =
      typeof parsed === "object" && parsed !== null && "gatingFacets" in parsed
        ? parsed.gatingFacets
        : undefined;
    if (!Array.isArray(list))
      return usage(`${calibration} has no gatingFacets list`);
    fromCalibration = list.filter((f): f is string => typeof f === "string");
  }
  if (gates.length === 0 && typeof calibration !== "string")
    return usage(
      "give the gating facets: --gate FACET... or --calibration FILE",
    );
  return [...gates, ...fromCalibration].filter((f): f is JudgeFacet =>
    (judgeFacetIds as readonly string[]).includes(f),
  );
}

async function run(
  argv: readonly string[],
  io: FlywheelCliIo,
): Promise<number | Usage> {
  const values = parse(argv, {
    week: { type: "string" },
    conversations: { type: "string" },
    store: { type: "string" },
    out: { type: "string" },
    "judge-base-url": { type: "string" },
    "judge-model": { type: "string" },
    gate: { type: "string", multiple: true },
    calibration: { type: "string" },
    dataset: { type: "string" },
    concurrency: { type: "string" },
  });
  if (isUsage(values)) return values;
  const args = required(values, [
    "week",
    "conversations",
    "store",
    "out",
    "judge-base-url",
    "judge-model",
  ]);
  if (isUsage(args)) return args;
  const salt = io.env["FLOWPY_REDACT_SALT"];
  if (salt === undefined || salt === "")
    return usage("FLOWPY_REDACT_SALT must hold the redaction salt");
  const gates = await gatingFacets(values);
  if (isUsage(gates)) return gates;
  const concurrency =
    values["concurrency"] === undefined ? 4 : Number(values["concurrency"]);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    return usage("--concurrency must be a positive integer");
  let conversations: string;
  try {
    conversations = await readFile(args.conversations, "utf8");
  } catch (e) {
    return usage(
      `cannot read ${args.conversations}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const apiKey = io.env["FLOWPY_JUDGE_API_KEY"];
  const judge = createStandInJudge(
    createChatClient({
      baseUrl: args["judge-base-url"],
      model: args["judge-model"],
      concurrency,
      ...(apiKey === undefined ? {} : { apiKey }),
    }),
  );
  const dataset = values["dataset"];
  return withStore(args.store, io, async (store) => {
    const result = await runFlywheelWeek({
      week: args.week,
      conversations,
      store,
      judge,
      redactor: createRedactor({ salt }),
      gatingFacets: gates,
      concurrency,
      ...(typeof dataset === "string" ? { datasetName: dataset } : {}),
    });
    if (!result.ok) return refused(io, result.diagnostics);
    const week = result.value;
    const exported = await exportFlywheelDataset(store, {
      dir: args.out,
      datasetName: week.datasetName,
      version: week.datasetVersion,
    });
    if (!exported.ok) return refused(io, exported.diagnostics);
    await writeFile(
      join(args.out, "week.json"),
      `${JSON.stringify(week, null, 2)}\n`,
    );
    await writeFile(
      join(args.out, "report.html"),
      renderFlywheelWeekHtml(week),
    );
    const c = week.routeCounts;
    io.out(
      `${args.week}: ${week.status}, ${week.datasetName} v${week.datasetVersion} (${week.rowsAdded} rows added, ${week.rowCount} in all); train ${c.train}, eval_candidate ${c.eval_candidate}, human_review ${c.human_review}, quarantine ${c.quarantine}\n`,
    );
    for (const g of week.gaps)
      io.out(
        `gap: ${g.slice} (n=${g.n}) — add about ${g.suggestedExamples} examples\n`,
      );
    return 0;
  });
}

async function rollback(
  argv: readonly string[],
  io: FlywheelCliIo,
): Promise<number | Usage> {
  const values = parse(argv, {
    week: { type: "string" },
    store: { type: "string" },
    dataset: { type: "string" },
  });
  if (isUsage(values)) return values;
  const args = required(values, ["week", "store"]);
  if (isUsage(args)) return args;
  const dataset = values["dataset"];
  return withStore(args.store, io, async (store) => {
    const done = await rollbackFlywheelWeek(
      store,
      args.week,
      typeof dataset === "string" ? dataset : "flywheel",
    );
    if (!done.ok) return refused(io, done.diagnostics);
    io.out(
      `${args.week}: removed version ${done.value.removedVersion}; version ${done.value.restoredVersion} is the latest\n`,
    );
    return 0;
  });
}

async function report(
  argv: readonly string[],
  io: FlywheelCliIo,
): Promise<number | Usage> {
  const values = parse(argv, {
    week: { type: "string" },
    store: { type: "string" },
    out: { type: "string" },
    dataset: { type: "string" },
  });
  if (isUsage(values)) return values;
  const args = required(values, ["week", "store", "out"]);
  if (isUsage(args)) return args;
  const dataset = values["dataset"];
  return withStore(args.store, io, async (store) => {
    const summary = await flywheelWeekSummary(
      store,
      args.week,
      typeof dataset === "string" ? dataset : "flywheel",
    );
    if (!summary.ok) return refused(io, summary.diagnostics);
    const parsed = JSON.parse(summary.value) as Omit<FlywheelWeek, "status">;
    await mkdir(dirname(args.out), { recursive: true });
    await writeFile(
      args.out,
      renderFlywheelWeekHtml({ ...parsed, status: "unchanged" }),
    );
    io.out(`${args.week}: report written to ${args.out}\n`);
    return 0;
  });
}

/** Runs `flowpy flywheel …` (argv after `flywheel`) and returns its exit status. */
export async function runFlywheelCli(
  argv: readonly string[],
  io: FlywheelCliIo,
): Promise<number> {
  const [command, ...rest] = argv;
  const commands = { run, rollback, report } as const;
  if (command === "--help" || command === "-h" || command === "help") {
    io.out(`${USAGE}\n`);
    return 0;
  }
  const outcome =
    command !== undefined && Object.hasOwn(commands, command)
      ? await commands[command as keyof typeof commands](rest, io)
      : usage(command === undefined ? "" : `unknown command ${command}`);
  if (!isUsage(outcome)) return outcome;
  if (outcome.message !== "") io.err(`flowpy flywheel: ${outcome.message}\n\n`);
  io.err(`${USAGE}\n`);
  return 2;
}
