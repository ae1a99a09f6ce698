import { codes } from "../diagnostics/codes.js";
import type { Diagnostic, JsonPath } from "@flowpy/sdk";
import { error, warning } from "../diagnostics/diagnostic.js";
import { gb, groupDigits as n, sci } from "../format/format-number.js";
import { gpuFacts, type GpuType } from "../spec/gpu-facts.js";
import {
  decoderLayerParams,
  modelShapes,
  rootParams,
  totalParams,
  type BaseModelId,
} from "../spec/model-facts.js";
import type { TrainingSpec } from "../spec/training-spec.js";
import {
  assumptionReasons,
  defaultPlannerAssumptions,
  type PlannerAssumptions,
} from "./planner-assumptions.js";

/** One derived quantity with the arithmetic that produced it, numbers substituted. */
export interface PlanLine {
  readonly label: string;
  readonly formula: string;
  readonly value: number;
  readonly unit: string;
}

export type MemoryTermKind =
  | "parameters"
  | "gradients"
  | "optimizer"
  | "allGather"
  | "reduceScatter"
  | "activations"
  | "logits"
  | "reserve";

/** One per-GPU memory term in bytes. Terms are summed as if all were live at once (conservative). */
export interface MemoryTerm {
  readonly kind: MemoryTermKind;
  readonly label: string;
  readonly formula: string;
  readonly bytes: number;
}

export type Verdict =
  | { readonly kind: "fits"; readonly headroomBytes: number }
  | {
      readonly kind: "does-not-fit";
      readonly overBytes: number;
      readonly dominant: MemoryTermKind;
      readonly reason: string;
    };

export interface PlanAssumption {
  readonly name: keyof PlannerAssumptions;
  readonly value: number;
  readonly why: string;
}

/** What `planTraining` returns: figures, the arithmetic behind each, a verdict and a cost. */
export interface Plan {
  readonly name: string;
  readonly setup: {
    readonly model: BaseModelId;
    readonly gpuType: GpuType;
    readonly nodes: number;
    readonly gpusPerNode: number;
    readonly world: number;
    readonly gpuMemoryBytes: number;
    readonly gpuPeakFlops: number;
  };
  readonly assumptions: readonly PlanAssumption[];
  readonly params: {
    readonly total: number;
    readonly decoderLayer: number;
    readonly root: number;
    readonly lines: readonly PlanLine[];
  };
  readonly memory: {
    readonly terms: readonly MemoryTerm[];
    readonly totalBytes: number;
    readonly capacityBytes: number;
    readonly activationsWithCheckpointingBytes: number;
    readonly activationsWithoutCheckpointingBytes: number;
  };
  readonly verdict: Verdict;
  readonly time: {
    readonly lines: readonly PlanLine[];
    readonly trainedTokens: number;
    readonly totalSteps: number;
    readonly executedFlopsPerToken: number;
    readonly tokensPerSecond: number;
    readonly stepSeconds: number;
    readonly totalSeconds: number;
    readonly hours: number;
  };
  readonly cost: {
    readonly lines: readonly PlanLine[];
    readonly gpuHours: number;
    readonly pricePerGpuHourUsd: number;
    readonly priceSource: "spec" | "gpu-table-default";
    readonly usd: number;
  };
  readonly diagnostics: readonly Diagnostic[];
}

/** Per-kind advice when a term dominates a plan that does not fit. */
const remedies = {
  parameters: (s) => ({
    hint: `shard over more GPUs (now ${s.compute.nodes * s.compute.gpusPerNode}) or use GPUs with more memory`,
    path: ["compute", "nodes"],
  }),
  gradients: (s) => ({
    hint: `shard over more GPUs (now ${s.compute.nodes * s.compute.gpusPerNode})`,
    path: ["compute", "nodes"],
  }),
  optimizer: (s) => ({
    hint: `shard over more GPUs (now ${s.compute.nodes * s.compute.gpusPerNode}); AdamW state is the largest of the sharded states`,
    path: ["compute", "nodes"],
  }),
  allGather: (s) => ({
    hint: s.fsdp.reshardAfterForward
      ? "use GPUs with more memory"
      : "set fsdp.reshardAfterForward: true so gathered layers are freed after their forward",
    path: ["fsdp", "reshardAfterForward"],
  }),
  reduceScatter: () => ({
    hint: "use GPUs with more memory",
    path: ["compute", "gpuType"],
  }),
  activations: (s) =>
    s.fsdp.activationCheckpointing
      ? {
          hint: "lower hyperparameters.maxSeqLength or microBatchSize",
          path: ["hyperparameters", "maxSeqLength"],
        }
      : {
          hint: "enable fsdp.activationCheckpointing",
          path: ["fsdp", "activationCheckpointing"],
        },
  logits: () => ({
    hint: 'use hyperparameters.lossType "chunked_nll"',
    path: ["hyperparameters", "lossType"],
  }),
  reserve: () => ({
    hint: "use GPUs with more memory",
    path: ["compute", "gpuType"],
  }),
} satisfies Record<
  MemoryTermKind,
  (spec: TrainingSpec) => { hint: string; path: JsonPath }
>;

/**
 * Estimates per-GPU memory, step time, wall-clock and cost for a validated spec, showing the
 * arithmetic. Pure: the same spec and assumptions give the same plan.
 */
export function planTraining(
  spec: TrainingSpec,
  overrides: Partial<PlannerAssumptions> = {},
): Plan {
  const a: PlannerAssumptions = { ...defaultPlannerAssumptions, ...overrides };
  const m = modelShapes[spec.baseModel.id];
  const gpu = gpuFacts[spec.compute.gpuType];
  const h = spec.hyperparameters;
  const facts = spec.dataset.facts;
  const world = spec.compute.nodes * spec.compute.gpusPerNode;

  // Parameters ---------------------------------------------------------------------------
  const q = m.queryHeads * m.headDim;
  const kv = m.kvHeads * m.headDim;
  const layer = decoderLayerParams(m);
  const root = rootParams(m);
  const total = totalParams(m);
  const paramLines: PlanLine[] = [
    {
      label: "decoder layer",
      formula: `${m.hidden}×${q} (q) + 2×${m.hidden}×${kv} (k, v) + ${q}×${m.hidden} (o) + 2×${m.headDim} (q/k norm) + 3×${m.hidden}×${m.intermediate} (MLP) + 2×${m.hidden} (norms)`,
      value: layer,
      unit: "params",
    },
    {
      label: "embeddings, lm_head, final norm",
      formula: `${m.tiedEmbeddings ? 1 : 2}×${m.vocab}×${m.hidden} + ${m.hidden}`,
      value: root,
      unit: "params",
    },
    {
      label: "total",
      formula: `${m.layers} × ${n(layer)} + ${n(root)}`,
      value: total,
      unit: "params",
    },
  ];

  // Memory per GPU -------------------------------------------------------------------------
  const tokensPerMicroBatch = h.maxSeqLength * h.microBatchSize;
  const tokensText = `${n(h.maxSeqLength)} tokens × ${h.microBatchSize}`;
  // bf16 bytes saved per token per layer: the four widths h, q, kv and i are each kept four
  // times (norm in/out; q proj/norm/RoPE/attention out; k and v; gate/up/act/product).
  const layerActivationBytesPerToken = 8 * (m.hidden + q + kv + m.intermediate);
  const layerActivationFormula = `8 B × (${m.hidden} + ${q} + ${kv} + ${m.intermediate}) = ${n(layerActivationBytesPerToken)} B`;
  const activationsWithout =
    tokensPerMicroBatch * layerActivationBytesPerToken * m.layers;
  const checkpointedInputs = tokensPerMicroBatch * m.hidden * 2 * m.layers;
  const recomputedLayer = tokensPerMicroBatch * layerActivationBytesPerToken;
  const activationsWith = checkpointedInputs + recomputedLayer;
  const activationTerm: MemoryTerm = spec.fsdp.activationCheckpointing
    ? {
        kind: "activations",
        label: "activations, checkpointed",
        formula: `${tokensText} × ${m.hidden} × 2 B × ${m.layers} layers (layer inputs) + ${tokensText} × ${n(layerActivationBytesPerToken)} B (one layer recomputed; ${layerActivationFormula})`,
        bytes: activationsWith,
      }
    : {
        kind: "activations",
        label: "activations, no checkpointing",
        formula: `${tokensText} × ${n(layerActivationBytesPerToken)} B × ${m.layers} layers (${layerActivationFormula} per token per layer)`,
        bytes: activationsWithout,
      };
  const largestUnit = Math.max(layer, root);
  const gatheredUnits = spec.fsdp.reshardAfterForward
    ? {
        params: root + (1 + a.prefetchLayers) * layer,
        formula: `(${n(root)} (root, gathered for the whole step) + ${1 + a.prefetchLayers} × ${n(layer)} (current + prefetched layer)) × ${a.computeParamBytes} B`,
      }
    : {
        params: total,
        formula: `${n(total)} (every layer stays gathered from forward to backward without resharding) × ${a.computeParamBytes} B`,
      };
  const logitTokens =
    h.lossType === "chunked_nll"
      ? Math.min(a.lossChunkTokens, tokensPerMicroBatch)
      : tokensPerMicroBatch;
  const terms: MemoryTerm[] = [
    {
      kind: "parameters",
      label: "parameters, sharded fp32",
      formula: `${n(total)} × ${a.shardedParamBytes} B / ${world} GPUs`,
      bytes: (total * a.shardedParamBytes) / world,
    },
    {
      kind: "gradients",
      label: "gradients, sharded fp32",
      formula: `${n(total)} × ${a.shardedGradBytes} B / ${world} GPUs`,
      bytes: (total * a.shardedGradBytes) / world,
    },
    {
      kind: "optimizer",
      label: "AdamW moments, sharded fp32",
      formula: `${n(total)} × ${a.optimizerBytes} B / ${world} GPUs`,
      bytes: (total * a.optimizerBytes) / world,
    },
    {
      kind: "allGather",
      label: "all-gather buffers, bf16",
      formula: gatheredUnits.formula,
      bytes: gatheredUnits.params * a.computeParamBytes,
    },
    {
      kind: "reduceScatter",
      label: "reduce-scatter buffers, largest unit",
      formula: `${n(largestUnit)} × (${a.computeParamBytes} B bf16 gradient + ${a.shardedGradBytes} B fp32 copy to reduce)`,
      bytes: largestUnit * (a.computeParamBytes + a.shardedGradBytes),
    },
    activationTerm,
    {
      kind: "logits",
      label:
        h.lossType === "chunked_nll" ? "logits, one chunk" : "logits, full",
      formula: `${n(logitTokens)} tokens × ${n(m.vocab)} vocab × ${a.logitBytes} B`,
      bytes: logitTokens * m.vocab * a.logitBytes,
    },
    {
      kind: "reserve",
      label: "CUDA/NCCL reserve",
      formula: `${gb(a.reserveBytes)} fixed`,
      bytes: a.reserveBytes,
    },
  ];
  const totalBytes = terms.reduce((sum, t) => sum + t.bytes, 0);
  const capacityBytes = gpu.memoryGB * 1e9;
  const dominant = terms.reduce((best, t) => (t.bytes > best.bytes ? t : best));
  const diagnostics: Diagnostic[] = [];
  let verdict: Verdict;
  if (totalBytes <= capacityBytes)
    verdict = { kind: "fits", headroomBytes: capacityBytes - totalBytes };
  else {
    const remedy = remedies[dominant.kind](spec);
    const withCheckpointing = totalBytes - activationsWithout + activationsWith;
    const alternative =
      dominant.kind === "activations" && !spec.fsdp.activationCheckpointing
        ? `; with activation checkpointing they would be ${gb(activationsWith)} and the total ${gb(withCheckpointing)} (${withCheckpointing <= capacityBytes ? "fits" : "still over"})`
        : "";
    const reason = `needs ${gb(totalBytes)} per GPU but each ${spec.compute.gpuType} has ${gpu.memoryGB} GB; the dominant term is ${dominant.label} at ${gb(dominant.bytes)} (${dominant.formula})${alternative}`;
    verdict = {
      kind: "does-not-fit",
      overBytes: totalBytes - capacityBytes,
      dominant: dominant.kind,
      reason,
    };
    diagnostics.push(
      error(codes.planDoesNotFit, reason, {
        path: remedy.path,
        hint: remedy.hint,
      }),
    );
  }
  if (facts.tokens.maxRow > h.maxSeqLength)
    diagnostics.push(
      warning(
        codes.planTruncates,
        `the longest row has ${n(facts.tokens.maxRow)} tokens; rows beyond ${n(h.maxSeqLength)} are truncated and lose their ends`,
        { path: ["hyperparameters", "maxSeqLength"] },
      ),
    );

  // Time -----------------------------------------------------------------------------------
  const T = facts.tokens.train;
  const meanRow = T / facts.rows.train;
  const sequencesPerEpoch = h.packing
    ? Math.ceil(T / h.maxSeqLength)
    : facts.rows.train;
  const stepsPerEpoch = Math.ceil(sequencesPerEpoch / h.globalBatchSize);
  const totalSteps = Math.ceil(h.epochs * stepsPerEpoch);
  const trainedTokens = h.epochs * T;
  const modelFlops = 6 * total;
  // Rows attend only within themselves (bfd packing is padding-free; unpacked rows are
  // alone), so a token attends on average to half its row; `wrapped` packing crosses rows.
  const context =
    h.packing && h.packingStrategy === "wrapped"
      ? h.maxSeqLength
      : Math.min(meanRow, h.maxSeqLength);
  const attentionFlops = 6 * m.layers * q * context;
  const recompute = spec.fsdp.activationCheckpointing ? 4 / 3 : 1;
  const executedFlopsPerToken = (modelFlops + attentionFlops) * recompute;
  const clusterFlops = world * gpu.bf16PeakFlops * a.mfu;
  const tokensPerSecond = clusterFlops / executedFlopsPerToken;
  const tokensPerStep =
    h.globalBatchSize * (h.packing ? h.maxSeqLength : meanRow);
  const stepSeconds = tokensPerStep / tokensPerSecond;
  const totalSeconds = trainedTokens / tokensPerSecond;
  const hours = totalSeconds / 3600;
  const timeLines: PlanLine[] = [
    {
      label: "mean row length",
      formula: `${n(T)} train tokens / ${n(facts.rows.train)} rows`,
      value: meanRow,
      unit: "tokens",
    },
    {
      label: "sequences per epoch",
      formula: h.packing
        ? `ceil(${n(T)} / ${n(h.maxSeqLength)}) (packed to full length)`
        : `${n(facts.rows.train)} rows (unpacked)`,
      value: sequencesPerEpoch,
      unit: "sequences",
    },
    {
      label: "steps per epoch",
      formula: `ceil(${n(sequencesPerEpoch)} / ${h.globalBatchSize} sequences per step)`,
      value: stepsPerEpoch,
      unit: "steps",
    },
    {
      label: "total steps",
      formula: `ceil(${h.epochs} epochs × ${n(stepsPerEpoch)})`,
      value: totalSteps,
      unit: "steps",
    },
    {
      label: "trained tokens",
      formula: `${h.epochs} epochs × ${n(T)}`,
      value: trainedTokens,
      unit: "tokens",
    },
    {
      label: "dense FLOPs per token",
      formula: `6 × ${n(total)} params (forward + backward)`,
      value: modelFlops,
      unit: "FLOP",
    },
    {
      label: "attention FLOPs per token",
      formula: `6 × ${m.layers} layers × ${q} (heads × head dim) × ${n(context)} tokens of context (QKᵀ and AV over half the ${h.packing && h.packingStrategy === "wrapped" ? "packed sequence" : "mean row"}, forward + backward)`,
      value: attentionFlops,
      unit: "FLOP",
    },
    {
      label: "executed FLOPs per token",
      formula: `(${sci(modelFlops)} + ${sci(attentionFlops)}) × ${spec.fsdp.activationCheckpointing ? "4/3 (forward recomputed under activation checkpointing)" : "1 (no recompute)"}`,
      value: executedFlopsPerToken,
      unit: "FLOP",
    },
    {
      label: "cluster throughput",
      formula: `${world} GPUs × ${sci(gpu.bf16PeakFlops)} FLOP/s bf16 peak × ${a.mfu} MFU`,
      value: clusterFlops,
      unit: "FLOP/s",
    },
    {
      label: "tokens per second",
      formula: `${sci(clusterFlops)} / ${sci(executedFlopsPerToken)}`,
      value: tokensPerSecond,
      unit: "tokens/s",
    },
    {
      label: "step time",
      formula: `${h.globalBatchSize} sequences × ${n(h.packing ? h.maxSeqLength : meanRow)} tokens / ${n(tokensPerSecond)} tokens/s`,
      value: stepSeconds,
      unit: "s",
    },
    {
      label: "wall-clock",
      formula: `${n(trainedTokens)} tokens / ${n(tokensPerSecond)} tokens/s = ${n(totalSeconds)} s (training only: excludes loading, evaluation and checkpoint writes)`,
      value: hours,
      unit: "h",
    },
  ];

  // Cost -----------------------------------------------------------------------------------
  const price =
    spec.compute.pricePerGpuHourUsd ?? gpu.defaultPricePerGpuHourUsd;
  const gpuHours = world * hours;
  const usd = gpuHours * price;
  const costLines: PlanLine[] = [
    {
      label: "GPU-hours",
      formula: `${world} GPUs × ${n(hours, 3)} h`,
      value: gpuHours,
      unit: "GPU-h",
    },
    {
      label: "cost",
      formula: `${n(gpuHours)} GPU-h × $${price} per GPU-hour (${spec.compute.pricePerGpuHourUsd === undefined ? `default ${spec.compute.gpuType} rate from the GPU table` : "from the spec"})`,
      value: usd,
      unit: "USD",
    },
  ];

  return {
    name: spec.name,
    setup: {
      model: spec.baseModel.id,
      gpuType: spec.compute.gpuType,
      nodes: spec.compute.nodes,
      gpusPerNode: spec.compute.gpusPerNode,
      world,
      gpuMemoryBytes: capacityBytes,
      gpuPeakFlops: gpu.bf16PeakFlops,
    },
    assumptions: (
      Object.keys(defaultPlannerAssumptions) as (keyof PlannerAssumptions)[]
    ).map((name) => ({ name, value: a[name], why: assumptionReasons[name] })),
    params: { total, decoderLayer: layer, root, lines: paramLines },
    memory: {
      terms,
      totalBytes,
      capacityBytes,
      activationsWithCheckpointingBytes: activationsWith,
      activationsWithoutCheckpointingBytes: activationsWithout,
    },
    verdict,
    time: {
      lines: timeLines,
      trainedTokens,
      totalSteps,
      executedFlopsPerToken,
      tokensPerSecond,
      stepSeconds,
      totalSeconds,
      hours,
    },
    cost: {
      lines: costLines,
      gpuHours,
      pricePerGpuHourUsd: price,
      priceSource:
        spec.compute.pricePerGpuHourUsd === undefined
          ? "gpu-table-default"
          : "spec",
      usd,
    },
    diagnostics,
  };
}
