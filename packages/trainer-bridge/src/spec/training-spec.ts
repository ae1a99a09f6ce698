import { z } from "zod";
import { codes } from "../diagnostics/codes.js";
import type { Result } from "@flowpy/sdk";
import { DatasetFacts, Sha256 } from "./dataset-facts.js";
import { GpuType } from "./gpu-facts.js";
import { BaseModelId, modelShapes } from "./model-facts.js";
import { exampleDatasetFacts } from "./example-dataset-facts.js";
import { parseJsonText, validate, type Inconsistency } from "./validate.js";

/** An RFC 1035 label: what Kubernetes, Slurm job names and SkyPilot clusters all accept. */
const RunName = z
  .string()
  .max(63)
  .regex(
    /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    "expected an RFC 1035 label: lowercase letters, digits and '-', starting with a letter",
  );

const EnvName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected an environment variable name");

const NonEmpty = z.string().min(1);

export const Hyperparameters = z
  .strictObject({
    epochs: z
      .number()
      .positive()
      .max(100)
      .describe(
        "Passes over the train split (`num_train_epochs`); may be fractional.",
      ),
    learningRate: z
      .number()
      .positive()
      .max(1)
      .describe("Peak learning rate; full SFT of ~30B models uses 5e-6…2e-5."),
    lrScheduler: z
      .enum(["cosine", "linear", "constant", "constant_with_warmup"])
      .describe("`lr_scheduler_type` after warmup."),
    warmupRatio: z
      .number()
      .min(0)
      .max(1)
      .describe(
        "Fraction of the optimizer steps spent warming up linearly (`warmup_ratio`).",
      ),
    weightDecay: z
      .number()
      .min(0)
      .max(1)
      .describe("AdamW decoupled weight decay."),
    adamBeta1: z.number().min(0).lt(1).describe("AdamW β1."),
    adamBeta2: z.number().min(0).lt(1).describe("AdamW β2."),
    adamEpsilon: z.number().positive().describe("AdamW ε."),
    maxGradNorm: z
      .number()
      .positive()
      .describe("Gradient clipping norm (`max_grad_norm`)."),
    maxSeqLength: z
      .int()
      .positive()
      .max(131072)
      .describe(
        "Tokens per training sequence (`max_length`); TRL's default of 1024 silently truncates agent traces.",
      ),
    packing: z
      .boolean()
      .describe(
        "Pack several rows into one sequence of `maxSeqLength` tokens.",
      ),
    packingStrategy: z
      .enum(["bfd", "wrapped"])
      .describe(
        "TRL `packing_strategy` when packing: `bfd` (best-fit decreasing, padding-free, no cross-row attention) or `wrapped`.",
      ),
    assistantOnlyLoss: z
      .boolean()
      .describe(
        "Loss on assistant tokens only, from the rows' `assistant_masks` (never TRL's own re-rendering).",
      ),
    lossType: z
      .enum(["chunked_nll", "nll"])
      .describe(
        "TRL `loss_type`: `chunked_nll` never materialises the full-vocabulary logits; `nll` does.",
      ),
    optimizer: z
      .literal("adamw_torch_fused")
      .describe("`optim`: fused AdamW (two fp32 moments per parameter)."),
    microBatchSize: z
      .int()
      .positive()
      .describe(
        "Sequences per GPU per forward pass (`per_device_train_batch_size`).",
      ),
    gradientAccumulationSteps: z
      .int()
      .positive()
      .describe("Micro-batches accumulated before each optimizer step."),
    globalBatchSize: z
      .int()
      .positive()
      .describe(
        "Sequences per optimizer step; must equal microBatchSize × gradientAccumulationSteps × all GPUs.",
      ),
    seed: z
      .int()
      .nonnegative()
      .describe("Seed for data order and initialisation."),
    loggingSteps: z
      .int()
      .positive()
      .describe("Log metrics every this many steps."),
  })
  .describe("Optimisation and batching.");
export type Hyperparameters = z.infer<typeof Hyperparameters>;

export const FsdpSettings = z
  .strictObject({
    version: z
      .literal(2)
      .describe("`fsdp_version`: FSDP2 (per-parameter DTensor sharding)."),
    autoWrapPolicy: z
      .literal("TRANSFORMER_BASED_WRAP")
      .describe("`fsdp_auto_wrap_policy`: one FSDP unit per decoder layer."),
    transformerLayerClsToWrap: NonEmpty.describe(
      "`fsdp_transformer_layer_cls_to_wrap`: the decoder layer class (`Qwen3DecoderLayer`).",
    ),
    reshardAfterForward: z
      .boolean()
      .describe(
        "`fsdp_reshard_after_forward`: free gathered weights after each layer's forward (FULL_SHARD); false ≈ SHARD_GRAD_OP.",
      ),
    activationCheckpointing: z
      .boolean()
      .describe(
        "`fsdp_activation_checkpointing`: keep only each layer's input and recompute the rest in backward (use instead of the Trainer's gradient_checkpointing).",
      ),
    mixedPrecision: z
      .literal("bf16")
      .describe(
        "`mixed_precision`: bf16 compute; FSDP2 keeps the sharded parameters in fp32 and reduces gradients in fp32.",
      ),
    stateDictType: z
      .enum(["SHARDED_STATE_DICT", "FULL_STATE_DICT"])
      .describe(
        "`fsdp_state_dict_type`: SHARDED is fast for intermediate checkpoints but needs a merge; FULL writes the HF checkpoint vLLM loads.",
      ),
    cpuRamEfficientLoading: z
      .boolean()
      .describe(
        "`fsdp_cpu_ram_efficient_loading`: rank 0 reads the weights, the others receive a broadcast.",
      ),
    offloadParams: z
      .literal(false)
      .describe(
        "`fsdp_offload_params`: CPU offload is not used (and not planned for).",
      ),
  })
  .describe("FSDP settings (accelerate `fsdp_config`).");
export type FsdpSettings = z.infer<typeof FsdpSettings>;

export const Compute = z
  .strictObject({
    nodes: z.int().positive().max(256).describe("Machines in the job."),
    gpusPerNode: z
      .int()
      .positive()
      .max(16)
      .describe("GPUs (ranks) per machine."),
    gpuType: GpuType.describe(
      "GPU model; its memory and peak come from the GPU facts table.",
    ),
    pricePerGpuHourUsd: z
      .number()
      .positive()
      .optional()
      .describe(
        "USD per GPU-hour for the cost estimate; absent means the GPU table's default rate.",
      ),
  })
  .describe("Where the job runs.");
export type Compute = z.infer<typeof Compute>;

export const OutputLocations = z
  .strictObject({
    checkpointUri: NonEmpty.describe(
      "Trainer `output_dir` for intermediate checkpoints (shared storage every node can write).",
    ),
    finalModelUri: NonEmpty.describe(
      "Where the final Hugging Face checkpoint (full weights, tokenizer, generation_config.json) is written; vLLM serves it.",
    ),
    saveStrategy: z.enum(["steps", "epoch"]).describe("When to checkpoint."),
    saveSteps: z
      .int()
      .positive()
      .describe(
        "Checkpoint every this many optimizer steps (with `saveStrategy: steps`).",
      ),
    saveTotalLimit: z
      .int()
      .positive()
      .describe("Intermediate checkpoints kept; older ones are deleted."),
  })
  .describe("Checkpoint and output locations.");
export type OutputLocations = z.infer<typeof OutputLocations>;

export const Tracking = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z.literal("none").describe("No experiment tracking."),
    }),
    z.strictObject({
      kind: z.literal("mlflow").describe("MLflow tracking server."),
      trackingUri: NonEmpty.describe("`MLFLOW_TRACKING_URI`."),
      experimentName: NonEmpty.describe("`MLFLOW_EXPERIMENT_NAME`."),
    }),
    z.strictObject({
      kind: z
        .literal("wandb")
        .describe(
          "Weights & Biases; the key comes from `secretEnv` WANDB_API_KEY.",
        ),
      project: NonEmpty.describe("`WANDB_PROJECT`."),
      entity: NonEmpty.optional().describe(
        "`WANDB_ENTITY`, when not the key's default.",
      ),
    }),
    z.strictObject({
      kind: z.literal("tensorboard").describe("TensorBoard event files."),
      logDir: NonEmpty.describe("Directory for event files (`logging_dir`)."),
    }),
  ])
  .describe(
    "Experiment tracking (`report_to`); credentials go in `secretEnv`, never here.",
  );
export type Tracking = z.infer<typeof Tracking>;

export const SecretEnv = z
  .strictObject({
    name: EnvName.describe(
      "Environment variable the job sees, e.g. `WANDB_API_KEY`.",
    ),
    secretName: RunName.describe(
      "Kubernetes Secret holding it (on Slurm/SkyPilot the variable is passed through by name from the submitting environment).",
    ),
    secretKey: NonEmpty.describe("Key inside the Secret."),
  })
  .describe(
    "A credential passed by reference; its value never appears in an emitted file.",
  );
export type SecretEnv = z.infer<typeof SecretEnv>;

export const TrainingSpec = z
  .strictObject({
    schemaVersion: z.literal(1).describe("Version of this spec format."),
    name: RunName.describe(
      "Run name; job, cluster and checkpoint names derive from it.",
    ),
    baseModel: z
      .strictObject({
        id: BaseModelId.describe("Hugging Face model id of the base model."),
        revision: NonEmpty.describe(
          "Model revision to download: a commit sha for reproducible runs (a branch name is not).",
        ),
      })
      .describe("The model being fine-tuned."),
    dataset: z
      .strictObject({
        uri: NonEmpty.describe(
          "Where the job reads the pre-tokenized rows (may be a copy of the card's location).",
        ),
        version: NonEmpty.describe(
          "Dataset version; must equal `facts.version`.",
        ),
        facts: DatasetFacts.describe(
          "The dataset card's facts (sizes, template, formats).",
        ),
      })
      .describe("The training dataset."),
    chatTemplateSha256: Sha256.describe(
      "sha256 of the chat template the rows were rendered with; must equal the dataset facts' and the served template's.",
    ),
    hyperparameters: Hyperparameters,
    fsdp: FsdpSettings,
    compute: Compute,
    output: OutputLocations,
    tracking: Tracking,
    image: NonEmpty.describe(
      "Container image with torch, transformers, accelerate and TRL; pin by digest (`…@sha256:…`) for reproducible runs.",
    ),
    env: z
      .record(EnvName, z.string())
      .describe(
        "Non-secret environment for every rank (e.g. NCCL_SOCKET_IFNAME, NCCL_IB_HCA); secrets belong in `secretEnv`.",
      ),
    secretEnv: z
      .array(SecretEnv)
      .describe(
        "Credentials by reference (Kubernetes Secret or the submitter's environment).",
      ),
  })
  .describe(
    "Everything needed to run one Qwen3 FSDP full fine-tune and reproduce it.",
  );
export type TrainingSpec = z.infer<typeof TrainingSpec>;

/** Environment names that carry credentials; their values must come by reference. */
const SECRET_LIKE =
  /(TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL)/i;

function consistency(spec: TrainingSpec): Inconsistency[] {
  const out: Inconsistency[] = [];
  const h = spec.hyperparameters;
  const world = spec.compute.nodes * spec.compute.gpusPerNode;
  const product = h.microBatchSize * h.gradientAccumulationSteps * world;
  if (product !== h.globalBatchSize)
    out.push({
      path: ["hyperparameters", "globalBatchSize"],
      message: `global batch ${h.globalBatchSize} ≠ micro-batch ${h.microBatchSize} × accumulation ${h.gradientAccumulationSteps} × ${world} GPUs = ${product}`,
      hint: `set globalBatchSize to ${product} or change the accumulation steps`,
    });
  const facts = spec.dataset.facts;
  if (spec.chatTemplateSha256 !== facts.chatTemplate.sha256)
    out.push({
      path: ["chatTemplateSha256"],
      message: `chat template sha256 ${spec.chatTemplateSha256} differs from the dataset's ${facts.chatTemplate.sha256}`,
      hint: "the rows were rendered with another template; re-render the dataset or fix the spec",
    });
  if (spec.dataset.version !== facts.version)
    out.push({
      path: ["dataset", "version"],
      message: `dataset version "${spec.dataset.version}" differs from the card's "${facts.version}"`,
    });
  if (facts.tokenizer !== spec.baseModel.id)
    out.push({
      path: ["dataset", "facts", "tokenizer"],
      message: `rows were tokenized for ${facts.tokenizer}, the base model is ${spec.baseModel.id}`,
    });
  const layerClass = modelShapes[spec.baseModel.id].decoderLayerClass;
  if (spec.fsdp.transformerLayerClsToWrap !== layerClass)
    out.push({
      path: ["fsdp", "transformerLayerClsToWrap"],
      message: `${spec.baseModel.id} wraps ${layerClass}, not ${spec.fsdp.transformerLayerClsToWrap}`,
    });
  if (h.maxSeqLength > modelShapes[spec.baseModel.id].maxPositionEmbeddings)
    out.push({
      path: ["hyperparameters", "maxSeqLength"],
      message: `max sequence length ${h.maxSeqLength} exceeds the model's ${modelShapes[spec.baseModel.id].maxPositionEmbeddings} positions`,
    });
  for (const name of Object.keys(spec.env).sort())
    if (SECRET_LIKE.test(name))
      out.push({
        path: ["env", name],
        message: `${name} looks like a credential; plain env values are written into job files`,
        hint: "pass it in secretEnv (by reference) instead",
      });
  const seen = new Set<string>();
  spec.secretEnv.forEach((s, i) => {
    if (seen.has(s.name) || s.name in spec.env)
      out.push({
        path: ["secretEnv", i, "name"],
        message: `${s.name} is set twice`,
      });
    seen.add(s.name);
  });
  return out;
}

/** Validates a parsed spec; bad specs come back as diagnostics with JSON paths, never thrown. */
export function parseTrainingSpec(value: unknown): Result<TrainingSpec> {
  return validate(
    TrainingSpec,
    value,
    codes.specInvalid,
    consistency,
    codes.specInconsistent,
  );
}

/** Reads a training spec from JSON text. */
export function readTrainingSpec(text: string): Result<TrainingSpec> {
  const parsed = parseJsonText(text);
  return parsed.ok ? parseTrainingSpec(parsed.value) : parsed;
}

/** The spec format as JSON Schema (draft 2020-12), with every field's description. */
export function trainingSpecJsonSchema(): unknown {
  return z.toJSONSchema(TrainingSpec);
}

/**
 * The weekly run: a full fine-tune of Qwen3-32B on 2 nodes × 8 H200 with FSDP2, activation
 * checkpointing, 16K packed sequences, 64 sequences (~1 M tokens) per step, 2 epochs.
 * Locations, image and revision are placeholders to override per cluster.
 */
export function defaultTrainingSpec(
  facts: DatasetFacts = exampleDatasetFacts,
): TrainingSpec {
  return {
    schemaVersion: 1,
    name: "flow-agent-qwen3-32b-sft",
    baseModel: { id: "Qwen/Qwen3-32B", revision: "main" },
    dataset: { uri: facts.uri, version: facts.version, facts },
    chatTemplateSha256: facts.chatTemplate.sha256,
    hyperparameters: {
      epochs: 2,
      learningRate: 1e-5,
      lrScheduler: "cosine",
      warmupRatio: 0.03,
      weightDecay: 0,
      adamBeta1: 0.9,
      adamBeta2: 0.999,
      adamEpsilon: 1e-8,
      maxGradNorm: 1,
      maxSeqLength: 16384,
      packing: true,
      packingStrategy: "bfd",
      assistantOnlyLoss: true,
      lossType: "chunked_nll",
      optimizer: "adamw_torch_fused",
      microBatchSize: 1,
      gradientAccumulationSteps: 4,
      globalBatchSize: 64,
      seed: 42,
      loggingSteps: 10,
    },
    fsdp: {
      version: 2,
      autoWrapPolicy: "TRANSFORMER_BASED_WRAP",
      transformerLayerClsToWrap: "Qwen3DecoderLayer",
      reshardAfterForward: true,
      activationCheckpointing: true,
      mixedPrecision: "bf16",
      stateDictType: "FULL_STATE_DICT",
      cpuRamEfficientLoading: true,
      offloadParams: false,
    },
    compute: { nodes: 2, gpusPerNode: 8, gpuType: "H200" },
    output: {
      checkpointUri: "/shared/checkpoints/flow-agent-qwen3-32b-sft",
      finalModelUri: "/shared/models/flow-agent-qwen3-32b-sft",
      saveStrategy: "steps",
      saveSteps: 200,
      saveTotalLimit: 2,
    },
    tracking: {
      kind: "mlflow",
      trackingUri: "http://mlflow.mlops.svc.cluster.local:5000",
      experimentName: "flow-agent-sft",
    },
    image: "registry.example.com/flowpy/trainer:0.1.0",
    env: {},
    secretEnv: [],
  };
}
