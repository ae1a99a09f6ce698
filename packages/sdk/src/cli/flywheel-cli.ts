import { readFile, writeFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { atomicWriter } from "../pipeline/atomic-file.js";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { Diagnostic } from "@flowpy/transpiler";
import {
  judgeFacetIds,
  type JudgeFacet,
} from "../eval/calibration/judge-facets.js";
import {
  exportFlywheelDataset,
  flywheelWeekAttention,
  flywheelWeekDecisions,
  flywheelWeekSummary,
  rollbackFlywheelWeek,
} from "../flywheel/flywheel-dataset.js";
import {
  readCalibrationGates,
  type FlywheelGatingInput,
} from "../flywheel/flywheel-gating.js";
import { openDatasetStore, type DatasetStore } from "../store/dataset-store.js";
import {
  runFlywheelWeek,
  type FlywheelWeek,
} from "../flywheel/run-flywheel-week.js";
import { renderFlywheelWeekHtml } from "../flywheel/week-report.js";
import { createChatClient } from "../llm/chat-client.js";
import { createRedactor } from "../redact/create-redactor.js";
import { sdkCodes } from "../sdk-codes.js";

const USAGE = `flowpy flywheel — the weekly loop over production conversations

Usage:
  flowpy flywheel run --week 2026-W47 --conversations FILE --store DB --out DIR
        --judge-base-url URL --judge-model MODEL (--calibration FILE | --gate FACET...)
        [--judge-samples N] [--judge-seed N] [--judge-prompt-version V]
        [--judge-cache-dir DIR] [--judge-max-retries N] [--dataset NAME] [--concurrency N]
  flowpy flywheel rollback --week 2026-W47 --store DB [--cascade] [--dataset NAME]
  flowpy flywheel report --week 2026-W47 --store DB --out report.html [--dataset NAME]

run reads the week's conversations (JSONL, one production conversation a line) line by
line, redacts them with the salt in FLOWPY_REDACT_SALT (required; never pass it on the
command line), tags them, scores each with the faceted judge (judge-facets prompt; the
model, prompt version and sha256 are recorded with every score and row; --judge-samples N
takes the majority of N samples), routes each to train, eval_candidate, human_review or
quarantine with a reason code, and adds the training rows to the store as the dataset's
next version. A bad line is quarantined with its line:column and a code, never dropped.
The judge's API key, when it needs one, is read from FLOWPY_JUDGE_API_KEY.

Gating: --calibration takes the calibration.json that flowpy eval calibrate writes (for this
judge model and prompt, else refused); a facet it flags does not gate, and the week's
report says why. --gate FACET (intent, flow_fit, components, configuration, next_steps)
chooses facets; with --calibration too, a facet gates only when chosen and not flagged.

It writes DIR/train.jsonl and DIR/lineage.jsonl (the new version), DIR/week.json (the
summary: judge, gating, counts, slices, gaps), DIR/decisions.jsonl (every line's route, reason and
detail) and DIR/report.html. Running a week again on the same input changes nothing.

rollback removes a week's decisions, rows and version, so the version it was built on is
the latest again and exports byte for byte as before. When later weeks were built on it
(higher versions), it is refused with their names, because a built version never changes;
--cascade rolls those later weeks back too (their files can then be run again).
report writes a week's HTML report.
Exit status: 0 done, 1 refused (the week changed, later weeks exist, not run, the judge
does not answer, calibration of another judge), 2 usage or unreadable input.`;

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

async function gatingInput(
  values: Record<string, unknown>,
): Promise<FlywheelGatingInput | Usage> {
  const gates = (values["gate"] as string[] | undefined) ?? [];
  const file = values["calibration"];
  const facets: JudgeFacet[] = [];
  for (const g of gates) {
    if (!(judgeFacetIds as readonly string[]).includes(g))
      return usage(`--gate ${g} is not a facet (${judgeFacetIds.join(", ")})`);
    facets.push(g as JudgeFacet);
  }
  if (gates.length === 0 && typeof file !== "string")
    return usage(
      "give the gating facets: --calibration FILE or --gate FACET...",
    );
  if (typeof file !== "string") return { facets };
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    return usage(
      `cannot read the calibration ${file}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const calibration = readCalibrationGates(text);
  if (!calibration.ok)
    return usage(
      `${file}: ${calibration.diagnostics.map((d) => d.message).join("; ")}`,
    );
  return {
    calibration: calibration.value,
    ...(gates.length === 0 ? {} : { facets }),
  };
}

/** `--name N`: a whole number of at least `min`, or the usage problem. */
function whole(
  values: Record<string, unknown>,
  name: string,
  min: number,
): number | undefined | Usage {
  const v = values[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  return typeof v === "string" &&
    /^\d+$/.test(v) &&
    Number.isSafeInteger(n) &&
    n >= min
    ? n
    : usage(`--${name} must be a whole number of at least ${min}`);
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
    "judge-samples": { type: "string" },
    "judge-seed": { type: "string" },
    "judge-prompt-version": { type: "string" },
    "judge-cache-dir": { type: "string" },
    "judge-max-retries": { type: "string" },
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
  const gating = await gatingInput(values);
  if (isUsage(gating)) return gating;
  const given = whole(values, "concurrency", 1);
  if (isUsage(given)) return given;
  const concurrency = given ?? 4;
  const samples = whole(values, "judge-samples", 1);
  if (isUsage(samples)) return samples;
  const seed = whole(values, "judge-seed", 0);
  if (isUsage(seed)) return seed;
  const maxRetries = whole(values, "judge-max-retries", 0);
  if (isUsage(maxRetries)) return maxRetries;
  const apiKey = io.env["FLOWPY_JUDGE_API_KEY"];
  const cacheDir = values["judge-cache-dir"];
  const promptVersion = values["judge-prompt-version"];
  const client = createChatClient({
    baseUrl: args["judge-base-url"],
    model: args["judge-model"],
    concurrency,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(typeof cacheDir === "string" ? { cacheDir } : {}),
    ...(maxRetries === undefined ? {} : { maxRetries }),
  });
  const dataset = values["dataset"];
  return withStore(args.store, io, async (store) => {
    const result = await runFlywheelWeek({
      week: args.week,
      conversationsPath: args.conversations,
      store,
      judge: {
        client,
        ...(samples === undefined ? {} : { samples }),
        ...(seed === undefined ? {} : { seed }),
        ...(typeof promptVersion === "string" ? { promptVersion } : {}),
      },
      redactor: createRedactor({ salt }),
      gating,
      concurrency,
      ...(typeof dataset === "string" ? { datasetName: dataset } : {}),
    });
    if (!result.ok) {
      const status = refused(io, result.diagnostics);
      // An unreadable conversations file is a usage problem, like any unreadable input.
      return result.diagnostics.some(
        (d) => d.code === sdkCodes.flywheelInputUnreadable,
      )
        ? 2
        : status;
    }
    const week = result.value;
    const exported = await exportFlywheelDataset(store, {
      dir: args.out,
      datasetName: week.datasetName,
      version: week.datasetVersion,
    });
    if (!exported.ok) return refused(io, exported.diagnostics);
    const decisions = atomicWriter(join(args.out, "decisions.jsonl"));
    for await (const d of flywheelWeekDecisions(store, week.week, {
      datasetName: week.datasetName,
    }))
      decisions.write(`${JSON.stringify(d)}\n`);
    decisions.commit();
    // The summary as stored, without this call's status: a re-run writes the same bytes.
    const { status, ...stored } = week;
    await writeFile(
      join(args.out, "week.json"),
      `${JSON.stringify(stored, null, 2)}\n`,
    );
    const attention = await flywheelWeekAttention(store, week.week, {
      datasetName: week.datasetName,
    });
    await writeFile(
      join(args.out, "report.html"),
      renderFlywheelWeekHtml(week, attention),
    );
    const c = week.routeCounts;
    io.out(
      `${args.week}: ${status}, ${week.datasetName} v${week.datasetVersion} (${week.rowsAdded} rows added, ${week.rowCount} in all); train ${c.train}, eval_candidate ${c.eval_candidate}, human_review ${c.human_review}, quarantine ${c.quarantine}\n`,
    );
    for (const g of week.gating.gates)
      if (!g.gates && g.basis !== "not-chosen")
        io.out(`not gating: ${g.facet} (${g.reason})\n`);
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
    cascade: { type: "boolean" },
  });
  if (isUsage(values)) return values;
  const args = required(values, ["week", "store"]);
  if (isUsage(args)) return args;
  const dataset = values["dataset"];
  return withStore(args.store, io, async (store) => {
    const done = await rollbackFlywheelWeek(store, args.week, {
      ...(typeof dataset === "string" ? { datasetName: dataset } : {}),
      cascade: values["cascade"] === true,
    });
    if (!done.ok) return refused(io, done.diagnostics);
    io.out(
      `${args.week}: removed ${done.value.removed
        .map((r) => `${r.week} (version ${r.version})`)
        .join(", ")}; version ${done.value.restoredVersion} is the latest\n`,
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
    const attention = await flywheelWeekAttention(store, args.week, {
      datasetName: parsed.datasetName,
    });
    await mkdir(dirname(args.out), { recursive: true });
    await writeFile(
      args.out,
      renderFlywheelWeekHtml({ ...parsed, status: "unchanged" }, attention),
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
