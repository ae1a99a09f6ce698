import { gb, groupDigits as n, sci } from "../format/format-number.js";
import { gpuFacts, type GpuType } from "../spec/gpu-facts.js";
import { totalParams, type ModelShape } from "../spec/model-facts.js";
import type { PlanLine } from "../planner/plan-training.js";

/** KV-cache capacity and a decode-throughput bound for one serving replica, with the arithmetic. */
export interface ServingSizing {
  readonly lines: readonly PlanLine[];
  readonly kvBytesPerToken: number;
  readonly kvBytesPerTokenPerGpu: number;
  readonly weightBytesPerGpu: number;
  readonly freeBytesPerGpu: number;
  readonly kvTokens: number;
  readonly context: number;
  readonly maxConcurrentSequences: number;
  /** Memory-bandwidth roofline for decoding at that concurrency: an upper bound, not a forecast. */
  readonly decodeTokensPerSecond: number;
}

export interface SizingInput {
  readonly model: ModelShape;
  readonly gpuType: GpuType;
  readonly tensorParallelSize: number;
  readonly gpuMemoryUtilization: number;
  readonly runtimeOverheadBytes: number;
  readonly context: number;
}

/** bf16 weights and KV cache: 2 bytes per value. */
const BF16 = 2;

export function sizeServing(input: SizingInput): ServingSizing {
  const m = input.model;
  const gpu = gpuFacts[input.gpuType];
  const tp = input.tensorParallelSize;
  const kvBytesPerToken = 2 * m.layers * m.kvHeads * m.headDim * BF16;
  // Tensor parallelism splits the KV heads, so each GPU holds 1/tp of every token's cache.
  const kvBytesPerTokenPerGpu = kvBytesPerToken / tp;
  const params = totalParams(m);
  const weightBytesPerGpu = (params * BF16) / tp;
  const budget = gpu.memoryGB * 1e9 * input.gpuMemoryUtilization;
  const freeBytesPerGpu = Math.max(
    0,
    budget - weightBytesPerGpu - input.runtimeOverheadBytes,
  );
  const kvTokens = Math.floor(freeBytesPerGpu / kvBytesPerTokenPerGpu);
  const maxConcurrentSequences = Math.floor(kvTokens / input.context);
  // Each decode step reads every weight shard once plus the KV cache of every running sequence.
  const stepBytes =
    weightBytesPerGpu +
    maxConcurrentSequences * input.context * kvBytesPerTokenPerGpu;
  const stepSeconds = stepBytes / gpu.hbmBytesPerSecond;
  const decodeTokensPerSecond = maxConcurrentSequences / stepSeconds;
  const lines: PlanLine[] = [
    {
      label: "KV cache per token",
      formula: `2 (K and V) × ${m.layers} layers × ${m.kvHeads} KV heads × ${m.headDim} head dim × ${BF16} B`,
      value: kvBytesPerToken,
      unit: "B",
    },
    {
      label: "KV cache per token per GPU",
      formula: `${n(kvBytesPerToken)} B / ${tp} (tensor parallel)`,
      value: kvBytesPerTokenPerGpu,
      unit: "B",
    },
    {
      label: "weights per GPU",
      formula: `${n(params)} params × ${BF16} B / ${tp}`,
      value: weightBytesPerGpu,
      unit: "B",
    },
    {
      label: "free for KV cache per GPU",
      formula: `${gpu.memoryGB} GB × ${input.gpuMemoryUtilization} − ${gb(weightBytesPerGpu)} weights − ${gb(input.runtimeOverheadBytes)} runtime (activations, CUDA graphs, NCCL)`,
      value: freeBytesPerGpu,
      unit: "B",
    },
    {
      label: "KV cache capacity",
      formula: `floor(${n(freeBytesPerGpu)} B / ${n(kvBytesPerTokenPerGpu)} B)`,
      value: kvTokens,
      unit: "tokens",
    },
    {
      label: "concurrent sequences",
      formula: `floor(${n(kvTokens)} / ${n(input.context)} tokens of context each)`,
      value: maxConcurrentSequences,
      unit: "sequences",
    },
    {
      label: "decode throughput bound",
      formula: `${maxConcurrentSequences} sequences / ((${gb(weightBytesPerGpu)} weights + ${maxConcurrentSequences} × ${n(input.context)} × ${n(kvBytesPerTokenPerGpu)} B KV) / ${sci(gpu.hbmBytesPerSecond)} B/s HBM)`,
      value: decodeTokensPerSecond,
      unit: "tokens/s",
    },
  ];
  return {
    lines,
    kvBytesPerToken,
    kvBytesPerTokenPerGpu,
    weightBytesPerGpu,
    freeBytesPerGpu,
    kvTokens,
    context: input.context,
    maxConcurrentSequences,
    decodeTokensPerSecond,
  };
}

/** The sizing as text, each figure after its arithmetic. */
export function renderServingSizing(sizing: ServingSizing): string {
  return `${sizing.lines
    .map((l) => {
      const v =
        l.unit === "B"
          ? l.value >= 1e8
            ? `${n(l.value)} B (${gb(l.value)})`
            : `${n(l.value)} B (${n(l.value / 1024)} KiB)`
          : `${n(l.value, 1)} ${l.unit}`;
      return `  ${l.label}: ${l.formula} = ${v}`;
    })
    .join("\n")}\n`;
}
