import { z } from "zod";

/** Base models the bridge can plan and serve. */
export const BaseModelId = z.enum(["Qwen/Qwen3-32B"]);
export type BaseModelId = z.infer<typeof BaseModelId>;

/** The shape of a decoder-only transformer, as its `config.json` states it. */
export interface ModelShape {
  readonly layers: number;
  readonly hidden: number;
  readonly intermediate: number;
  readonly queryHeads: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly vocab: number;
  /** Input embeddings and lm_head are separate matrices (untied). */
  readonly tiedEmbeddings: boolean;
  /** The context the model was trained for without RoPE scaling. */
  readonly nativeContext: number;
  /** `max_position_embeddings` in config.json. */
  readonly maxPositionEmbeddings: number;
  /** The module class FSDP wraps as one unit. */
  readonly decoderLayerClass: string;
}

/** Qwen3-32B config.json (ml-stack §1.1): no attention bias, per-head q/k RMSNorm. */
export const modelShapes = {
  "Qwen/Qwen3-32B": {
    layers: 64,
    hidden: 5120,
    intermediate: 25600,
    queryHeads: 64,
    kvHeads: 8,
    headDim: 128,
    vocab: 151936,
    tiedEmbeddings: false,
    nativeContext: 32768,
    maxPositionEmbeddings: 40960,
    decoderLayerClass: "Qwen3DecoderLayer",
  },
} as const satisfies Record<BaseModelId, ModelShape>;

/** Parameters of one decoder layer: q/k/v/o projections, q/k norms, SwiGLU MLP, two RMSNorms. */
export function decoderLayerParams(m: ModelShape): number {
  const q = m.queryHeads * m.headDim;
  const kv = m.kvHeads * m.headDim;
  const attention = m.hidden * q + 2 * m.hidden * kv + q * m.hidden;
  const qkNorms = 2 * m.headDim;
  const mlp = 3 * m.hidden * m.intermediate;
  const norms = 2 * m.hidden;
  return attention + qkNorms + mlp + norms;
}

/** Parameters outside the decoder layers: embeddings, lm_head (when untied), final norm. */
export function rootParams(m: ModelShape): number {
  const embeddings = m.vocab * m.hidden;
  return (m.tiedEmbeddings ? 1 : 2) * embeddings + m.hidden;
}

export function totalParams(m: ModelShape): number {
  return m.layers * decoderLayerParams(m) + rootParams(m);
}
