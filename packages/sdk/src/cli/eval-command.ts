import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  calibrateJudge,
  defaultCalibrationConfig,
  type CalibrationConfig,
} from "../eval/calibration/calibrate-judge.js";
import type { JudgeScore as JudgeScoreRecord } from "../eval/calibration/calibration-records.js";
import {
  judgeFacetIds,
  type JudgeFacet,
} from "../eval/calibration/judge-facets.js";
import {
  readActivationsJsonl,
  readAnnotationsJsonl,
  readJudgeScoresJsonl,
} from "../eval/calibration/read-calibration-jsonl.js";
import { calibrationReport } from "../eval/judge/calibration-report.js";
import { createJudge } from "../eval/judge/create-judge.js";
import { judgeScoreRecords } from "../eval/judge/judge-score-records.js";
import { readJudgeInputsJsonl } from "../eval/judge/read-judge-inputs.js";
import { createChatClient } from "../llm/chat-client.js";
import { renderHtmlReport } from "../report/render-html-report.js";
import { sdkCodes } from "../sdk-codes.js";
import {
  evalErrorLine,
  flags,
  isUsage,
  readText,
  wholeNumber,
  writeText,
  type Usage,
} from "./cli-input.js";

const USAGE = `flowpy eval judge / calibrate — the faceted LLM judge and its calibration

Usage:
  flowpy eval judge --conversations FILE --base-url URL --model MODEL --out scores.jsonl
        [--api-key-env VAR] [--samples N] [--seed N] [--prompt-version V]
        [--facets intent,flow_fit,…] [--concurrency N] [--max-retries N] [--cache-dir DIR]
  flowpy eval calibrate --annotations FILE --scores FILE --out DIR
        [--min-kappa X] [--gate-on lower_bound|estimate] [--min-examples N]
        [--activations FILE]

judge rates every example of a conversations JSONL file ({"example_id", "conversation",
optional "final_workflow" and "reference": {"workflow", "should_decline"}}) on each facet
(pass, fail or n/a with a rationale) through an OpenAI-compatible endpoint, and writes one
judge-score record per example and facet (the format calibrate reads; n/a facets have no
record and are counted on stderr). Merchant data is redacted before the judge sees it.
--samples N asks N times with seeds seed..seed+N-1 and keeps the majority. The API key is
read from the environment variable named by --api-key-env, never from an argument.
The first example is judged alone: when the endpoint does not answer it, nothing else is sent.
Exit status: 0 every example judged, 1 some could not be (each on stderr), 2 usage,
unreadable input or a dead endpoint.

calibrate compares judge scores with human annotations per facet (kappa with a bootstrap
interval, weighted kappa, Spearman, accuracy, confusion matrix, tuned thresholds) and writes
DIR/calibration.json and DIR/calibration.html. A facet gates only when its agreement reaches
--min-kappa (default ${defaultCalibrationConfig.gating.minimum}) at the lower end of its interval (or at the estimate, --gate-on estimate).
Exit status: 0 every annotated facet may gate, 1 some facet may not, 2 usage or unreadable input.`;

/** Where the commands write, and the environment API keys come from. */
export interface EvalCommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Flags only: a positional argument is a mistake here. */
function onlyFlags(
  args: readonly string[],
  valued: readonly string[],
): Map<string, string> | Usage {
  const parsed = flags(args, valued);
  if (isUsage(parsed)) return parsed;
  const extra = parsed.positional[0];
  return extra === undefined ? parsed.values : { usage: `unexpected ${extra}` };
}

function facetList(text: string | undefined): readonly JudgeFacet[] | Usage {
  if (text === undefined) return judgeFacetIds;
  const known = new Set<string>(judgeFacetIds);
  const list = text.split(",").map((f) => f.trim());
  const unknown = list.filter((f) => !known.has(f));
  return unknown.length > 0 || list.length === 0
    ? {
        usage: `--facets takes facets among ${judgeFacetIds.join(", ")}; unknown: ${unknown.join(", ")}`,
      }
    : (list as JudgeFacet[]);
}

async function judge(
  args: readonly string[],
  io: EvalCommandIo,
): Promise<number | Usage> {
  const f = onlyFlags(args, [
    "--conversations",
    "--base-url",
    "--model",
    "--out",
    "--api-key-env",
    "--samples",
    "--seed",
    "--prompt-version",
    "--facets",
    "--concurrency",
    "--cache-dir",
    "--max-retries",
  ]);
  if (isUsage(f)) return f;
  const file = f.get("--conversations");
  const baseUrl = f.get("--base-url");
  const model = f.get("--model");
  const out = f.get("--out");
  if (
    file === undefined ||
    baseUrl === undefined ||
    model === undefined ||
    out === undefined
  )
    return {
      usage: "judge needs --conversations, --base-url, --model and --out",
    };
  const samples = wholeNumber(f.get("--samples"), "--samples", 1, 1);
  const seed = wholeNumber(f.get("--seed"), "--seed", 0, 0);
  const concurrency = wholeNumber(
    f.get("--concurrency"),
    "--concurrency",
    4,
    1,
  );
  const maxRetries = wholeNumber(f.get("--max-retries"), "--max-retries", 4, 0);
  const facets = facetList(f.get("--facets"));
  if (isUsage(maxRetries)) return maxRetries;
  if (isUsage(samples)) return samples;
  if (isUsage(seed)) return seed;
  if (isUsage(concurrency)) return concurrency;
  if (isUsage(facets)) return facets;
  const keyVar = f.get("--api-key-env");
  const apiKey = keyVar === undefined ? undefined : io.env[keyVar];
  if (keyVar !== undefined && (apiKey === undefined || apiKey === ""))
    return { usage: `the environment variable ${keyVar} is not set` };
  const text = readText(file);
  if (isUsage(text)) return text;
  const inputs = readJudgeInputsJsonl(text);
  if (!inputs.ok) {
    for (const d of inputs.diagnostics) io.err(evalErrorLine(d));
    return { usage: `${file} is not a conversations file` };
  }
  const cacheDir = f.get("--cache-dir");
  const client = createChatClient({
    baseUrl,
    model,
    concurrency,
    maxRetries,
    ...(apiKey === undefined ? {} : { apiKey }),
    ...(cacheDir === undefined ? {} : { cacheDir }),
  });
  const promptVersion = f.get("--prompt-version");
  const judgeOf = createJudge(client, {
    samples,
    seed,
    facets,
    ...(promptVersion === undefined ? {} : { promptVersion }),
  });
  // The first example alone first: a dead endpoint is then one example's retries, not all.
  const [first, ...rest] = inputs.value;
  const firstScore =
    first === undefined ? undefined : await judgeOf.score(first);
  if (
    firstScore !== undefined &&
    !firstScore.ok &&
    firstScore.diagnostics.some((d) => d.code === sdkCodes.judgeRequestFailed)
  ) {
    for (const d of firstScore.diagnostics) io.err(evalErrorLine(d));
    io.err(
      `flowpy eval judge: the judge at ${baseUrl} does not answer; no other example was sent and nothing was written\n`,
    );
    return 2;
  }
  const scores = [
    ...(firstScore === undefined ? [] : [firstScore]),
    ...(await Promise.all(rest.map((input) => judgeOf.score(input)))),
  ];
  const records: JudgeScoreRecord[] = [];
  let notApplicable = 0;
  let failed = 0;
  for (const s of scores) {
    for (const d of s.diagnostics) io.err(evalErrorLine(d));
    if (!s.ok) {
      failed++;
      if (s.diagnostics.some((d) => d.code === sdkCodes.judgeInvalidInput))
        return { usage: "the judge options are unusable" };
      continue;
    }
    const r = judgeScoreRecords(s.value);
    records.push(...r.records);
    notApplicable += r.notApplicable.length;
  }
  const written = writeText(
    out,
    records.map((r) => `${JSON.stringify(r)}\n`).join(""),
  );
  if (written !== undefined) return written;
  io.err(
    `flowpy eval judge: ${inputs.value.length - failed} of ${inputs.value.length} examples judged by ${judgeOf.id}: ${records.length} facet scores written to ${out}, ${notApplicable} facets n/a, ${failed} examples failed\n`,
  );
  return failed > 0 ? 1 : 0;
}

function calibrate(args: readonly string[], io: EvalCommandIo): number | Usage {
  const f = onlyFlags(args, [
    "--annotations",
    "--scores",
    "--out",
    "--min-kappa",
    "--gate-on",
    "--min-examples",
    "--activations",
  ]);
  if (isUsage(f)) return f;
  const annotationsFile = f.get("--annotations");
  const scoresFile = f.get("--scores");
  const out = f.get("--out");
  if (
    annotationsFile === undefined ||
    scoresFile === undefined ||
    out === undefined
  )
    return { usage: "calibrate needs --annotations, --scores and --out" };
  const minText = f.get("--min-kappa");
  const minimum =
    minText === undefined
      ? defaultCalibrationConfig.gating.minimum
      : Number(minText);
  if (!(Number.isFinite(minimum) && minimum >= -1 && minimum <= 1))
    return {
      usage: `--min-kappa needs a number from -1 to 1, got "${minText}"`,
    };
  const on = f.get("--gate-on") ?? defaultCalibrationConfig.gating.on;
  if (on !== "lower_bound" && on !== "estimate")
    return { usage: `--gate-on is lower_bound or estimate, got "${on}"` };
  const minimumExamples = wholeNumber(
    f.get("--min-examples"),
    "--min-examples",
    defaultCalibrationConfig.gating.minimumExamples,
    1,
  );
  if (isUsage(minimumExamples)) return minimumExamples;
  const annotationsText = readText(annotationsFile);
  if (isUsage(annotationsText)) return annotationsText;
  const scoresText = readText(scoresFile);
  if (isUsage(scoresText)) return scoresText;
  const annotations = readAnnotationsJsonl(annotationsText);
  const scores = readJudgeScoresJsonl(scoresText);
  const activationsFile = f.get("--activations");
  let activations;
  if (activationsFile !== undefined) {
    const t = readText(activationsFile);
    if (isUsage(t)) return t;
    activations = readActivationsJsonl(t);
  }
  const unreadable = [
    [annotationsFile, annotations],
    [scoresFile, scores],
    ...(activationsFile === undefined || activations === undefined
      ? []
      : [[activationsFile, activations] as const]),
  ] as const;
  let bad = false;
  for (const [name, r] of unreadable)
    if (!r.ok) {
      bad = true;
      for (const d of r.diagnostics)
        io.err(evalErrorLine({ ...d, message: `${name}: ${d.message}` }));
    }
  if (!annotations.ok || !scores.ok || activations?.ok === false || bad)
    return { usage: "the annotations, scores or activations cannot be read" };
  // Only the annotated facets are calibrated: a facet nobody labelled is not a failure.
  const annotated = new Set(annotations.value.map((a) => a.facet));
  const config: CalibrationConfig = {
    ...defaultCalibrationConfig,
    facets: judgeFacetIds.filter((facet) => annotated.has(facet)),
    gating: { minimum, on, minimumExamples },
    ...(activations?.ok === true ? { activations: activations.value } : {}),
  };
  const calibration = calibrateJudge(annotations.value, scores.value, config);
  if (!calibration.ok) {
    for (const d of calibration.diagnostics) io.err(evalErrorLine(d));
    return { usage: "the judge scores cannot be calibrated as one judge" };
  }
  const promptVersion = scores.value.find(
    (s) => s.prompt_version !== undefined,
  )?.prompt_version;
  const notes = calibration.diagnostics.map(
    (d) => `${d.severity}[${d.code}]: ${d.message}`,
  );
  const report = calibrationReport(calibration.value, {
    ...(promptVersion === undefined ? {} : { promptVersion }),
    notes,
  });
  try {
    mkdirSync(out, { recursive: true });
  } catch (e) {
    return {
      usage: `cannot create ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
    };
  }
  const json = writeText(
    join(out, "calibration.json"),
    `${JSON.stringify(
      {
        config: { ...config, activations: undefined },
        calibration: calibration.value,
        diagnostics: calibration.diagnostics,
      },
      null,
      2,
    )}\n`,
  );
  if (json !== undefined) return json;
  const html = writeText(
    join(out, "calibration.html"),
    renderHtmlReport(report),
  );
  if (html !== undefined) return html;
  const { facets, gatingFacets } = calibration.value;
  for (const facet of facets)
    io.out(
      `${facet.facet}: ${facet.gating.usable ? "gates" : "does not gate"} (${facet.gating.reason})\n`,
    );
  io.out(
    `wrote ${join(out, "calibration.json")} and ${join(out, "calibration.html")}\n`,
  );
  return gatingFacets.length === facets.length ? 0 : 1;
}

/**
 * The judge's subcommands of `flowpy eval`, as a table the full `flowpy eval` dispatcher
 * (the benchmark runner's) can merge: each returns the exit status.
 */
export const evalJudgeCommands = {
  judge,
  calibrate: (args: readonly string[], io: EvalCommandIo) =>
    Promise.resolve(calibrate(args, io)),
} as const satisfies Record<
  string,
  (args: readonly string[], io: EvalCommandIo) => Promise<number | Usage>
>;

/** `flowpy eval judge|calibrate …`: returns the exit status; usage errors are status 2. */
export async function runEvalCommand(
  argv: readonly string[],
  io: EvalCommandIo,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "help") {
    io.out(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command !== "judge" && command !== "calibrate") {
    io.err(`flowpy eval: unknown command ${command}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const status = await evalJudgeCommands[command](rest, io);
    if (typeof status === "number") return status;
    io.err(`flowpy eval ${command}: ${status.usage}\n\n${USAGE}\n`);
    return 2;
  } catch (e) {
    io.err(
      `flowpy eval: internal error: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 3;
  }
}
