import type { GpuType } from "../spec/gpu-facts.js";

/** How the checkpoint's weights reach the serving pod. */
export interface ModelVolume {
  /** PersistentVolumeClaim holding the fine-tuned checkpoints (mounted read-only). */
  readonly claimName: string;
  /** Where the claim is mounted; the model path must lie under it. */
  readonly mountPath: string;
}

/** A credential by reference: a Kubernetes Secret key, never a value. */
export interface SecretRef {
  readonly secretName: string;
  readonly secretKey: string;
}

export interface ServingOptions {
  /** The chat template text to serve with; its sha256 must equal the dataset's. */
  readonly chatTemplate: string;
  /** Path of the template file inside the serving container (`--chat-template`). */
  readonly chatTemplatePath: string;
  /** Path of the `--config` YAML inside the serving container. */
  readonly configPath: string;
  /** The checkpoint directory vLLM loads; defaults to the spec's `output.finalModelUri`. */
  readonly modelPath?: string;
  /** Public model name in the API; defaults to the spec's name. */
  readonly servedModelName?: string;
  /** Kubernetes resource name (RFC 1035); defaults to the spec's name. */
  readonly name?: string;
  readonly namespace: string;
  /** vLLM image, pinned: flags and parsers change between releases. */
  readonly image: string;
  readonly gpuType: GpuType;
  /** `--tensor-parallel-size`: must divide the query heads, KV heads and MLP width. */
  readonly tensorParallelSize: number;
  /** `--max-model-len`: at most the model's native context unless RoPE scaling is configured. */
  readonly maxModelLen: number;
  /** `--gpu-memory-utilization`: fraction of each GPU vLLM may use (weights + KV cache + activations). */
  readonly gpuMemoryUtilization: number;
  /** `--enable-prefix-caching`: keep on for agent loops that resend the same history. */
  readonly enablePrefixCaching: boolean;
  /** `--generation-config`: `auto` applies the checkpoint's generation_config.json; `vllm` ignores it. */
  readonly generationConfig: "auto" | "vllm";
  /** `--max-num-seqs` when set; otherwise vLLM's default. */
  readonly maxNumSeqs?: number;
  /** Context per sequence for the concurrency estimate; defaults to `maxModelLen`. */
  readonly sizingContext?: number;
  /** Per-GPU memory vLLM needs besides weights and KV cache (activation peak, CUDA graphs, NCCL). */
  readonly runtimeOverheadBytes: number;
  readonly replicas: number;
  readonly port: number;
  readonly modelVolume: ModelVolume;
  /** `/dev/shm` size for tensor-parallel workers. */
  readonly shmSize: string;
  readonly cpuRequest: number;
  readonly memoryRequest: string;
  /** Secret holding the server's API key (`VLLM_API_KEY`), if the endpoint needs one. */
  readonly apiKeySecret?: SecretRef;
}

/** Defaults for serving the 32B checkpoint on H200 (ml-stack §2.1). */
export const defaultServingOptions: Omit<ServingOptions, "chatTemplate"> = {
  chatTemplatePath: "/etc/vllm/chat-template.jinja",
  configPath: "/etc/vllm/config.yaml",
  namespace: "default",
  image: "vllm/vllm-openai:v0.11.0",
  gpuType: "H200",
  tensorParallelSize: 2,
  maxModelLen: 32768,
  gpuMemoryUtilization: 0.9,
  enablePrefixCaching: true,
  generationConfig: "auto",
  runtimeOverheadBytes: 6e9,
  replicas: 1,
  port: 8000,
  modelVolume: { claimName: "shared-models", mountPath: "/shared/models" },
  shmSize: "16Gi",
  cpuRequest: 16,
  memoryRequest: "200Gi",
};
