import { z } from "zod";
import { codes } from "../diagnostics/codes.js";
import type { Result } from "@flowpy/sdk";
import { canonicalJson, hashJson } from "../format/canonical-json.js";
import { GenerationDefaults, Sha256 } from "../spec/dataset-facts.js";
import { TrainingSpec } from "../spec/training-spec.js";
import {
  parseJsonText,
  validate,
  type Inconsistency,
} from "../spec/validate.js";

const NonEmpty = z.string().min(1);

/** The engines a training job can run on. */
export const JobEngine = z.enum([
  "slurm",
  "trainjob",
  "pytorchjob",
  "skypilot",
  "tangle",
]);
export type JobEngine = z.infer<typeof JobEngine>;

/** What a manifest pins of a serving config: everything that changes rendering or sampling. */
export const ServingRecord = z
  .strictObject({
    image: NonEmpty.describe("vLLM image, pinned."),
    vllm: z
      .record(z.string(), z.unknown())
      .describe(
        "The `vllm serve` settings (the `--config` YAML) keyed by long flag name.",
      ),
    chatTemplateSha256: Sha256.describe(
      "sha256 of the served chat template bytes.",
    ),
    generation: GenerationDefaults,
  })
  .describe("The serving settings that decide prompts and sampling.");
export type ServingRecord = z.infer<typeof ServingRecord>;

/** One weekly run, from dataset to served model, reproducible and auditable. */
export const RunManifest = z
  .strictObject({
    manifestVersion: z.literal(1).describe("Version of this manifest format."),
    dataset: z
      .strictObject({
        name: NonEmpty.describe("Dataset name."),
        version: NonEmpty.describe("Dataset version the job trained on."),
        uri: NonEmpty.describe("Where the job read the rows."),
        chatTemplateSha256: Sha256.describe(
          "Template the rows were rendered with.",
        ),
      })
      .describe("The dataset."),
    training: z
      .strictObject({
        specSha256: Sha256.describe("sha256 of the spec's canonical JSON."),
        spec: TrainingSpec,
      })
      .describe("The training spec, whole, and its hash."),
    job: z
      .strictObject({
        engine: JobEngine.describe("Engine the job ran on."),
        id: NonEmpty.describe(
          "The engine's job id (Slurm job id, TrainJob name, …).",
        ),
      })
      .describe("The job."),
    checkpoint: z
      .strictObject({
        uri: NonEmpty.describe("The resulting Hugging Face checkpoint."),
        sha256: Sha256.optional().describe(
          "Content digest of the checkpoint (e.g. of its safetensors index), when recorded.",
        ),
      })
      .describe("The checkpoint the job produced."),
    serving: z
      .strictObject({
        configSha256: Sha256.describe(
          "sha256 of the serving record's canonical JSON.",
        ),
        config: ServingRecord,
      })
      .describe("How the checkpoint is served, and its hash."),
  })
  .describe("One run from dataset to served model.");
export type RunManifest = z.infer<typeof RunManifest>;

export interface ManifestInput {
  readonly spec: TrainingSpec;
  readonly job: { readonly engine: JobEngine; readonly id: string };
  readonly checkpoint: { readonly uri: string; readonly sha256?: string };
  /** The serving record (`servingRecord(config)` of a serving config). */
  readonly serving: ServingRecord;
}

/** Builds the manifest; hashes are of canonical JSON, so they do not depend on key order. */
export function buildRunManifest(input: ManifestInput): RunManifest {
  const facts = input.spec.dataset.facts;
  const record = input.serving;
  return {
    manifestVersion: 1,
    dataset: {
      name: facts.name,
      version: input.spec.dataset.version,
      uri: input.spec.dataset.uri,
      chatTemplateSha256: input.spec.chatTemplateSha256,
    },
    training: { specSha256: hashJson(input.spec), spec: input.spec },
    job: { engine: input.job.engine, id: input.job.id },
    checkpoint:
      input.checkpoint.sha256 === undefined
        ? { uri: input.checkpoint.uri }
        : { uri: input.checkpoint.uri, sha256: input.checkpoint.sha256 },
    serving: { configSha256: hashJson(record), config: record },
  };
}

/** The manifest file: canonical JSON (sorted keys, two-space indent), one trailing newline. */
export function renderRunManifest(manifest: RunManifest): string {
  return `${canonicalJson(manifest, 2)}\n`;
}

function consistency(m: RunManifest): Inconsistency[] {
  const out: Inconsistency[] = [];
  const specHash = hashJson(m.training.spec);
  if (specHash !== m.training.specSha256)
    out.push({
      path: ["training", "specSha256"],
      message: `recorded ${m.training.specSha256}, the spec hashes to ${specHash}`,
    });
  const servingHash = hashJson(m.serving.config);
  if (servingHash !== m.serving.configSha256)
    out.push({
      path: ["serving", "configSha256"],
      message: `recorded ${m.serving.configSha256}, the serving config hashes to ${servingHash}`,
    });
  const spec = m.training.spec;
  if (m.dataset.version !== spec.dataset.version)
    out.push({
      path: ["dataset", "version"],
      message: `dataset version ${m.dataset.version}, the spec trained on ${spec.dataset.version}`,
      code: codes.manifestInconsistent,
    });
  for (const [path, sha] of [
    [["training", "spec", "chatTemplateSha256"], spec.chatTemplateSha256],
    [
      ["serving", "config", "chatTemplateSha256"],
      m.serving.config.chatTemplateSha256,
    ],
  ] as const)
    if (sha !== m.dataset.chatTemplateSha256)
      out.push({
        path: [...path],
        message: `chat template ${sha} differs from the dataset's ${m.dataset.chatTemplateSha256}`,
        code: codes.manifestInconsistent,
      });
  const model = m.serving.config.vllm["model"];
  if (model !== m.checkpoint.uri)
    out.push({
      path: ["serving", "config", "vllm", "model"],
      message: `serves ${canonicalJson(model ?? null)}, the run produced ${m.checkpoint.uri}`,
      code: codes.manifestInconsistent,
    });
  return out;
}

/** Validates a manifest and re-derives its hashes; every mismatch is a diagnostic with its path. */
export function verifyRunManifest(value: unknown): Result<RunManifest> {
  return validate(
    RunManifest,
    value,
    codes.manifestInvalid,
    consistency,
    codes.manifestHashMismatch,
  );
}

/** Reads and verifies a manifest file. */
export function readRunManifest(text: string): Result<RunManifest> {
  const parsed = parseJsonText(text);
  return parsed.ok ? verifyRunManifest(parsed.value) : parsed;
}
