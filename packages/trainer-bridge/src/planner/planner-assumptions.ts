/**
 * The numbers the planner assumes rather than reads from the spec. Every plan lists them with
 * the reason, so an estimate can be argued with; callers may override any of them.
 */
export interface PlannerAssumptions {
  /**
   * Fraction of the GPUs' bf16 dense peak achieved, counted against every FLOP executed
   * (including the activation-checkpointing recompute), as ml-stack §3.5 does with its 35–45 %.
   */
  readonly mfu: number;
  /** Bytes per parameter for the sharded parameters (fp32: FSDP2 keeps them as the master weights). */
  readonly shardedParamBytes: number;
  /** Bytes per parameter for the sharded gradients (fp32: FSDP2 reduces in fp32). */
  readonly shardedGradBytes: number;
  /** Bytes per parameter of optimizer state (AdamW: two fp32 moments). */
  readonly optimizerBytes: number;
  /** Bytes per parameter of a gathered (unsharded) weight: bf16 compute copy. */
  readonly computeParamBytes: number;
  /** Decoder layers gathered ahead of the one computing (FSDP2 prefetches one). */
  readonly prefetchLayers: number;
  /** Tokens per logits chunk with `chunked_nll`. */
  readonly lossChunkTokens: number;
  /** Bytes per logit: bf16 logits, their fp32 upcast and the fp32 log-softmax kept for backward. */
  readonly logitBytes: number;
  /** Fixed per-GPU reserve for the CUDA context, cuBLAS workspaces, NCCL buffers and allocator slack. */
  readonly reserveBytes: number;
}

export const defaultPlannerAssumptions: PlannerAssumptions = {
  mfu: 0.4,
  shardedParamBytes: 4,
  shardedGradBytes: 4,
  optimizerBytes: 8,
  computeParamBytes: 2,
  prefetchLayers: 1,
  lossChunkTokens: 1024,
  logitBytes: 10,
  reserveBytes: 5e9,
};

/** Why each assumption holds; printed with every plan. */
export const assumptionReasons: Readonly<
  Record<keyof PlannerAssumptions, string>
> = {
  mfu: "utilisation of bf16 dense peak by all executed FLOPs, recompute included; ml-stack §3.5 uses 35–45 % for FSDP on H200, 40 % is its middle",
  shardedParamBytes:
    "FSDP2 with bf16 mixed precision keeps the sharded parameters in fp32; they are the master weights, so no separate master copy exists",
  shardedGradBytes:
    "gradients are reduce-scattered and kept sharded in fp32 (reduce dtype)",
  optimizerBytes:
    "AdamW keeps exp_avg and exp_avg_sq in fp32, sharded like the parameters",
  computeParamBytes: "an all-gathered unit is cast to bf16 for compute",
  prefetchLayers:
    "FSDP2 gathers the next decoder layer while the current one computes",
  lossChunkTokens:
    "chunked_nll computes the vocabulary projection and loss one chunk of tokens at a time (chunk size assumed)",
  logitBytes:
    "bf16 logits (2 B) + fp32 upcast (4 B) + fp32 log-softmax saved for backward (4 B)",
  reserveBytes:
    "CUDA context (~0.5–1 GB), cuBLAS/flash-attention workspaces, NCCL communicator buffers (~1–2 GB), caching-allocator fragmentation",
};
