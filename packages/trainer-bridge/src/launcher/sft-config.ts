import type { TrainingSpec, Tracking } from "../spec/training-spec.js";
import { toYaml } from "../emit/to-yaml.js";
import { fsdpConfigSection } from "./accelerate-config.js";
import type { LaunchOptions } from "./launch-options.js";

type Scalar = string | number | boolean;
type SftValue = Scalar | Readonly<Record<string, Scalar>>;

const reportTo = {
  none: "none",
  mlflow: "mlflow",
  wandb: "wandb",
  tensorboard: "tensorboard",
} as const satisfies Record<Tracking["kind"], string>;

/**
 * The arguments of TRL's SFT script (`ScriptArguments`, `ModelConfig`, `SFTConfig`) as one
 * `--config` mapping. The rows are pre-tokenized: TRL sees `input_ids` and skips its own
 * templating, and its collator turns the rows' `assistant_masks` into -100 labels. TRL's
 * `assistant_only_loss` flag must stay off for such rows (it is only defined for
 * conversational rows and raises otherwise), so the spec's assistant-only loss is carried by
 * the masks, never by TRL re-rendering the template.
 */
export function trlSftArgs(
  spec: TrainingSpec,
  options: LaunchOptions,
): Readonly<Record<string, SftValue>> {
  const h = spec.hyperparameters;
  const o = spec.output;
  const tracking: Record<string, SftValue> =
    spec.tracking.kind === "tensorboard"
      ? { logging_dir: spec.tracking.logDir }
      : {};
  // Under torchrun nothing reads accelerate's config file, so the Trainer gets the same FSDP
  // settings itself; under `accelerate launch` they come from the config file instead.
  const fsdp: Record<string, SftValue> =
    options.launcher === "torchrun"
      ? {
          fsdp: "full_shard auto_wrap",
          fsdp_config: unprefixed(fsdpConfigSection(spec)),
        }
      : {};
  return {
    dataset_name: spec.dataset.uri,
    dataset_train_split: "train",
    model_name_or_path: spec.baseModel.id,
    model_revision: spec.baseModel.revision,
    dtype: "bfloat16",
    attn_implementation: "flash_attention_2",
    output_dir: o.checkpointUri,
    run_name: spec.name,
    seed: h.seed,
    num_train_epochs: h.epochs,
    learning_rate: h.learningRate,
    lr_scheduler_type: h.lrScheduler,
    warmup_ratio: h.warmupRatio,
    weight_decay: h.weightDecay,
    adam_beta1: h.adamBeta1,
    adam_beta2: h.adamBeta2,
    adam_epsilon: h.adamEpsilon,
    max_grad_norm: h.maxGradNorm,
    optim: h.optimizer,
    per_device_train_batch_size: h.microBatchSize,
    gradient_accumulation_steps: h.gradientAccumulationSteps,
    bf16: true,
    max_length: h.maxSeqLength,
    packing: h.packing,
    ...(h.packing ? { packing_strategy: h.packingStrategy } : {}),
    padding_free: h.packing && h.packingStrategy === "bfd",
    assistant_only_loss: false,
    completion_only_loss: false,
    loss_type: h.lossType,
    // FSDP's activation checkpointing replaces the Trainer's; setting both is an error.
    gradient_checkpointing: false,
    logging_steps: h.loggingSteps,
    save_strategy: o.saveStrategy,
    ...(o.saveStrategy === "steps" ? { save_steps: o.saveSteps } : {}),
    save_total_limit: o.saveTotalLimit,
    report_to: reportTo[spec.tracking.kind],
    ...tracking,
    ...fsdp,
  };
}

function unprefixed(
  section: Readonly<Record<string, Scalar>>,
): Readonly<Record<string, Scalar>> {
  const out: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(section))
    out[k.startsWith("fsdp_") ? k.slice("fsdp_".length) : k] = v;
  return out;
}

/** `sft.yaml`, the file TRL's SFT script reads with `--config`. */
export function trlSftConfigYaml(
  spec: TrainingSpec,
  options: LaunchOptions,
): string {
  return toYaml(trlSftArgs(spec, options));
}
