#!/usr/bin/env node
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { codes } from "../diagnostics/codes.js";
import { renderDiagnostic, type Diagnostic, type Result } from "@flowpy/sdk";
import { error } from "../diagnostics/diagnostic.js";
import { canonicalJson } from "../format/canonical-json.js";
import {
  buildRunManifest,
  JobEngine,
  readRunManifest,
  renderRunManifest,
  ServingRecord,
} from "../manifest/run-manifest.js";
import {
  defaultJobFileOptions,
  jobFiles,
  type JobFileOptions,
} from "../emit/job-files.js";
import { defaultKubernetesOptions } from "../emit/kubernetes-options.js";
import { planTraining } from "../planner/plan-training.js";
import { planJson, renderPlan } from "../planner/render-plan.js";
import { servingConfig } from "../serving/serving-config.js";
import type { ServingOptions } from "../serving/serving-options.js";
import {
  checkServingParity,
  readParitySubject,
} from "../serving/serving-parity.js";
import { renderServingSizing } from "../serving/serving-sizing.js";
import { readDatasetFacts, type DatasetFacts } from "../spec/dataset-facts.js";
import {
  datasetFactsFromCard,
  isSdkCard,
} from "../spec/dataset-facts-from-card.js";
import { GpuType } from "../spec/gpu-facts.js";
import {
  defaultTrainingSpec,
  readTrainingSpec,
  trainingSpecJsonSchema,
} from "../spec/training-spec.js";
import { parseJsonText, validate } from "../spec/validate.js";

const USAGE = `flowpy-train — plan Qwen3 FSDP fine-tunes and serve the checkpoint with vLLM

Usage:
  flowpy-train train default-spec                 print the 2 x 8 H200 default spec (JSON)
  flowpy-train train schema                       print the spec's JSON Schema
  flowpy-train train plan --spec spec.json [--json] [--mfu 0.4]
  flowpy-train train emit --engine slurm|trainjob|pytorchjob|skypilot|tangle --spec spec.json
        --out dir [--launcher torchrun|accelerate] [--job-root DIR] [--namespace NS] [--queue NAME]
  flowpy-train serve config --spec spec.json --dataset-card card.json --chat-template template.jinja
        [--out dir] [--json] [--tensor-parallel-size N] [--max-model-len N]
        [--gpu-memory-utilization X] [--gpu-type H200|H100-80GB|A100-80GB|A100-40GB]
        [--served-model-name NAME] [--namespace NS] [--image IMAGE] [--model-path PATH]
  flowpy-train serve parity --serving serving.json --dataset-card card.json
  flowpy-train manifest build --spec spec.json --serving serving.json --engine ENGINE
        --job-id ID --checkpoint URI [--checkpoint-sha256 HEX] [-o manifest.json]
  flowpy-train manifest verify manifest.json

train emit writes the engine's file (sbatch.sh, trainjob.yaml, pytorchjob.yaml, skypilot.yaml or
component.yaml) and the shared launch.sh, sft.yaml and fsdp.yaml into dir. --job-root is the
Slurm job root on shared storage (default: dir, made absolute); --namespace (default
"default") and --queue (a Kueue LocalQueue) are for trainjob and pytorchjob.
--dataset-card takes the SDK's card.json (flowpy-sdk dataset corpus) or DatasetFacts JSON.
serve config --out writes config.yaml, chat-template.jinja, generation_config.json,
kubernetes.yaml, helm-values.yaml and serving.json (the input of serve parity and manifest build).
Exit status: 0 ok, 1 a check failed or an input is invalid (diagnostics on stderr), 2 usage error.`;

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const processIo: CliIo = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

interface Args {
  readonly positional: readonly string[];
  readonly values: ReadonlyMap<string, string>;
  readonly switches: ReadonlySet<string>;
}

/** A command line problem: reported with the usage text and exit status 2. */
interface Usage {
  readonly kind: "usage";
  readonly message: string;
}

/** Diagnostics to report with exit status 1. */
interface Failed {
  readonly kind: "failed";
  readonly diagnostics: readonly Diagnostic[];
  readonly file?: string;
}

type Outcome = { readonly kind: "ok" } | Usage | Failed;

const OK: Outcome = { kind: "ok" };

function usage(message: string): Usage {
  return { kind: "usage", message };
}

function parseArgs(
  argv: readonly string[],
  valueFlags: readonly string[],
  switchFlags: readonly string[],
): Args | Usage {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (valueFlags.includes(flag)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) return usage(`${flag} needs a value`);
      if (values.has(flag)) return usage(`${flag} given twice`);
      values.set(flag, v);
    } else if (switchFlags.includes(flag) && eq < 0) switches.add(flag);
    else if (a.startsWith("-") && a !== "-")
      return usage(`unknown option ${a}`);
    else positional.push(a);
  }
  return { positional, values, switches };
}

function read(file: string): Result<string> {
  try {
    return { ok: true, value: readFileSync(file, "utf8"), diagnostics: [] };
  } catch (e) {
    return {
      ok: false,
      diagnostics: [
        error(
          codes.cliIo,
          `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? "unreadable"}`,
        ),
      ],
    };
  }
}

function writeFiles(
  dir: string,
  files: readonly (readonly [string, string])[],
  executable: ReadonlySet<string> = new Set(),
): Diagnostic[] {
  try {
    mkdirSync(dir, { recursive: true });
    for (const [name, content] of files) {
      const path = join(dir, name);
      writeFileSync(path, content);
      // chmod as well: writeFileSync keeps the mode of a file that already exists.
      chmodSync(path, executable.has(name) ? 0o755 : 0o644);
    }
    return [];
  } catch (e) {
    return [
      error(
        codes.cliIo,
        `cannot write to ${dir}: ${(e as NodeJS.ErrnoException).code ?? "unwritable"}`,
      ),
    ];
  }
}

/** A dataset card: the SDK's own card (`flowpy-sdk dataset corpus`) or `DatasetFacts` JSON. */
function readDatasetCard(text: string): Result<DatasetFacts> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return parsed;
  return isSdkCard(parsed.value)
    ? datasetFactsFromCard(text)
    : readDatasetFacts(text);
}

/** Reads a file and parses it; failures name the file. */
function load<T>(
  file: string,
  parse: (text: string) => Result<T>,
): { readonly ok: true; readonly value: T } | Failed {
  const text = read(file);
  if (!text.ok) return { kind: "failed", diagnostics: text.diagnostics };
  const parsed = parse(text.value);
  return parsed.ok
    ? { ok: true, value: parsed.value }
    : { kind: "failed", diagnostics: parsed.diagnostics, file };
}

function required(args: Args, flag: string): string | Usage {
  return args.values.get(flag) ?? usage(`missing ${flag}`);
}

function numberFlag(
  args: Args,
  flag: string,
): { readonly value?: number } | Usage {
  const raw = args.values.get(flag);
  if (raw === undefined) return {};
  const value = Number(raw);
  return raw.trim() === "" || !Number.isFinite(value)
    ? usage(`${flag} needs a number, got "${raw}"`)
    : { value };
}

function isUsage(v: unknown): v is Usage {
  return typeof v === "object" && v !== null && (v as Usage).kind === "usage";
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

// Commands --------------------------------------------------------------------------------

function trainPlan(argv: readonly string[], io: CliIo): Outcome {
  const args = parseArgs(argv, ["--spec", "--mfu"], ["--json"]);
  if (isUsage(args)) return args;
  const specFile = required(args, "--spec");
  if (isUsage(specFile)) return specFile;
  const mfu = numberFlag(args, "--mfu");
  if (isUsage(mfu)) return mfu;
  if (mfu.value !== undefined && !(mfu.value > 0 && mfu.value <= 1))
    return usage(`--mfu must be in (0, 1], got ${mfu.value}`);
  const spec = load(specFile, readTrainingSpec);
  if (!("ok" in spec)) return spec;
  const plan = planTraining(
    spec.value,
    mfu.value === undefined ? {} : { mfu: mfu.value },
  );
  io.out(args.switches.has("--json") ? planJson(plan) : renderPlan(plan));
  return plan.verdict.kind === "fits"
    ? OK
    : { kind: "failed", diagnostics: plan.diagnostics, file: specFile };
}

function trainEmit(argv: readonly string[], io: CliIo): Outcome {
  const args = parseArgs(
    argv,
    [
      "--engine",
      "--spec",
      "--out",
      "--launcher",
      "--job-root",
      "--namespace",
      "--queue",
    ],
    [],
  );
  if (isUsage(args)) return args;
  if (args.positional.length > 0)
    return usage(`unexpected argument ${args.positional[0]}`);
  const need = ["--engine", "--spec", "--out"].map((f) => required(args, f));
  const missing = need.find(isUsage);
  if (missing !== undefined) return missing;
  const [engineName = "", specFile = "", out = ""] = need as string[];
  const engine = JobEngine.safeParse(engineName);
  if (!engine.success)
    return usage(`--engine must be one of ${JobEngine.options.join(", ")}`);
  const launcher = args.values.get("--launcher") ?? "torchrun";
  if (launcher !== "torchrun" && launcher !== "accelerate")
    return usage(`--launcher must be torchrun or accelerate, got ${launcher}`);
  const spec = load(specFile, readTrainingSpec);
  if (!("ok" in spec)) return spec;
  const defaults = defaultJobFileOptions(
    resolve(args.values.get("--job-root") ?? out),
  );
  const queue = args.values.get("--queue");
  const options: JobFileOptions = {
    ...defaults,
    launch: { ...defaults.launch, launcher },
    kubernetes: {
      ...defaultKubernetesOptions(args.values.get("--namespace") ?? "default"),
      ...(queue === undefined ? {} : { queueName: queue }),
    },
  };
  const files = jobFiles(engine.data, spec.value, options);
  if (!files.ok)
    return { kind: "failed", diagnostics: files.diagnostics, file: specFile };
  const problems = writeFiles(
    out,
    files.value.map((f) => [f.path, f.content] as const),
    new Set(files.value.filter((f) => f.executable).map((f) => f.path)),
  );
  if (problems.length > 0) return { kind: "failed", diagnostics: problems };
  for (const f of files.value) io.out(`wrote ${join(out, f.path)}\n`);
  return OK;
}

const SERVE_FLAGS = {
  "--tensor-parallel-size": "tensorParallelSize",
  "--max-model-len": "maxModelLen",
  "--gpu-memory-utilization": "gpuMemoryUtilization",
} as const satisfies Record<string, keyof ServingOptions>;

const SERVE_TEXT_FLAGS = {
  "--served-model-name": "servedModelName",
  "--namespace": "namespace",
  "--image": "image",
  "--model-path": "modelPath",
} as const satisfies Record<string, keyof ServingOptions>;

function serveConfig(argv: readonly string[], io: CliIo): Outcome {
  const args = parseArgs(
    argv,
    [
      "--spec",
      "--dataset-card",
      "--chat-template",
      "--out",
      "--gpu-type",
      ...Object.keys(SERVE_FLAGS),
      ...Object.keys(SERVE_TEXT_FLAGS),
    ],
    ["--json"],
  );
  if (isUsage(args)) return args;
  const files = ["--spec", "--dataset-card", "--chat-template"].map((f) =>
    required(args, f),
  );
  const missing = files.find(isUsage);
  if (missing !== undefined) return missing;
  const [specFile = "", cardFile = "", templateFile = ""] = files as string[];
  const options: Record<string, unknown> = {};
  for (const [flag, key] of Object.entries(SERVE_FLAGS)) {
    const v = numberFlag(args, flag);
    if (isUsage(v)) return v;
    if (v.value !== undefined) options[key] = v.value;
  }
  for (const [flag, key] of Object.entries(SERVE_TEXT_FLAGS)) {
    const v = args.values.get(flag);
    if (v !== undefined) options[key] = v;
  }
  const gpuType = args.values.get("--gpu-type");
  if (gpuType !== undefined) {
    const parsed = GpuType.safeParse(gpuType);
    if (!parsed.success) return usage(`unknown --gpu-type ${gpuType}`);
    options["gpuType"] = parsed.data;
  }
  const spec = load(specFile, readTrainingSpec);
  if (!("ok" in spec)) return spec;
  const facts = load(cardFile, readDatasetCard);
  if (!("ok" in facts)) return facts;
  const template = read(templateFile);
  if (!template.ok)
    return { kind: "failed", diagnostics: template.diagnostics };
  const result = servingConfig(spec.value, facts.value, {
    ...(options as Partial<ServingOptions>),
    chatTemplate: template.value,
  });
  if (!result.ok) return { kind: "failed", diagnostics: result.diagnostics };
  const c = result.value;
  const out = args.values.get("--out");
  if (out !== undefined) {
    const problems = writeFiles(out, [
      ["config.yaml", c.configYaml],
      ["chat-template.jinja", c.chatTemplate.text],
      ["generation_config.json", c.generationConfigJson],
      ["kubernetes.yaml", c.kubernetes.yaml],
      ["helm-values.yaml", c.kubernetes.helmValuesYaml],
      ["serving.json", json(c)],
    ]);
    if (problems.length > 0) return { kind: "failed", diagnostics: problems };
  }
  if (args.switches.has("--json")) io.out(json(c));
  else
    io.out(
      `${c.commandLine.join(" ")}\n\nKV cache and throughput per replica (${c.vllm["tensor-parallel-size"]} GPUs)\n${renderServingSizing(c.sizing)}serving config sha256 ${c.sha256}\n`,
    );
  return OK;
}

function serveParity(argv: readonly string[], io: CliIo): Outcome {
  const args = parseArgs(argv, ["--serving", "--dataset-card"], ["--json"]);
  if (isUsage(args)) return args;
  const servingFile = required(args, "--serving");
  if (isUsage(servingFile)) return servingFile;
  const cardFile = required(args, "--dataset-card");
  if (isUsage(cardFile)) return cardFile;
  const subject = load(servingFile, readParitySubject);
  if (!("ok" in subject)) return subject;
  const facts = load(cardFile, readDatasetCard);
  if (!("ok" in facts)) return facts;
  const report = checkServingParity(subject.value, facts.value);
  if (args.switches.has("--json")) io.out(json(report));
  else if (report.ok)
    io.out(
      "parity ok: template, tool parser, thinking mode and generation defaults match\n",
    );
  return report.ok
    ? OK
    : { kind: "failed", diagnostics: report.diagnostics, file: servingFile };
}

/** The serving record inside a serving.json written by `serve config`. */
const ServingJson = z.object({
  image: z.string(),
  vllm: z.record(z.string(), z.unknown()),
  chatTemplate: z.object({ sha256: z.string() }),
  generation: z.unknown(),
});

function readServingRecord(text: string): Result<ServingRecord> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return parsed;
  const shape = validate(ServingJson, parsed.value, codes.servingConfigInvalid);
  if (!shape.ok) return shape;
  return validate(
    ServingRecord,
    {
      image: shape.value.image,
      vllm: shape.value.vllm,
      chatTemplateSha256: shape.value.chatTemplate.sha256,
      generation: shape.value.generation,
    },
    codes.manifestInvalid,
  );
}

function manifestBuild(argv: readonly string[], io: CliIo): Outcome {
  const args = parseArgs(
    argv,
    [
      "--spec",
      "--serving",
      "--engine",
      "--job-id",
      "--checkpoint",
      "--checkpoint-sha256",
      "-o",
    ],
    [],
  );
  if (isUsage(args)) return args;
  const need = [
    "--spec",
    "--serving",
    "--engine",
    "--job-id",
    "--checkpoint",
  ].map((f) => required(args, f));
  const missing = need.find(isUsage);
  if (missing !== undefined) return missing;
  const [
    specFile = "",
    servingFile = "",
    engineName = "",
    jobId = "",
    checkpoint = "",
  ] = need as string[];
  const engine = JobEngine.safeParse(engineName);
  if (!engine.success)
    return usage(`--engine must be one of ${JobEngine.options.join(", ")}`);
  const sha = args.values.get("--checkpoint-sha256");
  if (sha !== undefined && !/^[0-9a-f]{64}$/.test(sha))
    return usage("--checkpoint-sha256 needs 64 lowercase hex digits");
  const spec = load(specFile, readTrainingSpec);
  if (!("ok" in spec)) return spec;
  const record = load(servingFile, readServingRecord);
  if (!("ok" in record)) return record;
  const manifest = buildRunManifest({
    spec: spec.value,
    job: { engine: engine.data, id: jobId },
    checkpoint:
      sha === undefined
        ? { uri: checkpoint }
        : { uri: checkpoint, sha256: sha },
    serving: record.value,
  });
  // A manifest that does not verify (e.g. serving another checkpoint) is reported, not written.
  const verified = readRunManifest(renderRunManifest(manifest));
  if (!verified.ok)
    return { kind: "failed", diagnostics: verified.diagnostics };
  const file = args.values.get("-o");
  if (file === undefined) io.out(renderRunManifest(manifest));
  else {
    try {
      writeFileSync(file, renderRunManifest(manifest));
    } catch (e) {
      return {
        kind: "failed",
        diagnostics: [
          error(
            codes.cliIo,
            `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? "unwritable"}`,
          ),
        ],
      };
    }
  }
  return OK;
}

function manifestVerify(argv: readonly string[], io: CliIo): Outcome {
  const args = parseArgs(argv, [], []);
  if (isUsage(args)) return args;
  const [file, extra] = args.positional;
  if (file === undefined || extra !== undefined)
    return usage("manifest verify needs exactly one file");
  const manifest = load(file, readRunManifest);
  if (!("ok" in manifest)) return manifest;
  io.out(
    `manifest ok: dataset ${manifest.value.dataset.version}, spec ${manifest.value.training.specSha256.slice(0, 12)}, job ${manifest.value.job.engine}/${manifest.value.job.id}, serving ${manifest.value.serving.configSha256.slice(0, 12)}\n`,
  );
  return OK;
}

function noArgs(
  argv: readonly string[],
  run: () => string,
  io: CliIo,
): Outcome {
  if (argv.length > 0) return usage(`unexpected argument ${argv[0]}`);
  io.out(run());
  return OK;
}

/** `group command` → handler. */
const commands: Readonly<
  Record<string, (argv: readonly string[], io: CliIo) => Outcome>
> = {
  "train default-spec": (argv, io) =>
    noArgs(argv, () => json(defaultTrainingSpec()), io),
  "train schema": (argv, io) =>
    noArgs(argv, () => `${canonicalJson(trainingSpecJsonSchema(), 2)}\n`, io),
  "train plan": trainPlan,
  "train emit": trainEmit,
  "serve config": serveConfig,
  "serve parity": serveParity,
  "manifest build": manifestBuild,
  "manifest verify": manifestVerify,
};

/** Runs one CLI command and returns its exit status (0 ok, 1 failed check or bad input, 2 usage). */
export function runCli(argv: readonly string[], io: CliIo = processIo): number {
  const [group, command, ...rest] = argv;
  if (
    group === undefined ||
    group === "--help" ||
    group === "-h" ||
    group === "help"
  ) {
    io.out(`${USAGE}\n`);
    return group === undefined ? 2 : 0;
  }
  const handler = commands[`${group} ${command ?? ""}`];
  let outcome: Outcome;
  try {
    outcome =
      handler === undefined
        ? usage(`unknown command ${[group, command].filter(Boolean).join(" ")}`)
        : handler(rest, io);
  } catch (e) {
    // A bug in the bridge: reported as one line, never a stack trace.
    outcome = {
      kind: "failed",
      diagnostics: [
        error(
          codes.internalError,
          `internal error: ${e instanceof Error ? e.message : String(e)}`,
        ),
      ],
    };
  }
  switch (outcome.kind) {
    case "ok":
      return 0;
    case "usage":
      io.err(`flowpy-train: ${outcome.message}\n\n${USAGE}\n`);
      return 2;
    case "failed":
      for (const d of outcome.diagnostics)
        // Without a file the problem is the command's own (e.g. an unreadable path).
        io.err(
          `${renderDiagnostic(d, { file: outcome.file ?? "flowpy-train" })}\n`,
        );
      return 1;
  }
}

// Run when executed as the `flowpy-train` binary, not when imported (tests import `runCli`).
if (
  process.argv[1] !== undefined &&
  /(?:^|[\\/])(?:cli[\\/]main\.(?:c?js|ts)|flowpy-train)$/.test(process.argv[1])
) {
  process.exitCode = runCli(process.argv.slice(2));
}
