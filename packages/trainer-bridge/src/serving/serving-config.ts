import { stringify } from "yaml";
import { codes } from "../diagnostics/codes.js";
import type { Diagnostic, Result } from "@flowpy/sdk";
import { error, fail, ok } from "../diagnostics/diagnostic.js";
import { sha256Hex } from "@flowpy/sdk";
import { hashJson } from "../format/canonical-json.js";
import type {
  DatasetFacts,
  GenerationDefaults,
  ThinkingMode,
  ToolCallFormat,
} from "../spec/dataset-facts.js";
import { modelShapes } from "../spec/model-facts.js";
import type { TrainingSpec } from "../spec/training-spec.js";
import {
  servingKubernetes,
  YAML_OPTIONS,
  type ServingKubernetes,
} from "./serving-kubernetes.js";
import {
  defaultServingOptions,
  type ServingOptions,
} from "./serving-options.js";
import { sizeServing, type ServingSizing } from "./serving-sizing.js";

/**
 * The `vllm serve` settings, keyed by long flag name: exactly the `--config` YAML. Key order is
 * fixed here so the YAML is byte-stable. A type alias (not an interface) so it is also a plain
 * string-keyed record, which the run manifest stores.
 */
export type VllmServeConfig = {
  readonly model: string;
  readonly "served-model-name": string;
  readonly host: string;
  readonly port: number;
  readonly dtype: "bfloat16";
  readonly "tensor-parallel-size": number;
  readonly "max-model-len": number;
  readonly "gpu-memory-utilization": number;
  readonly "enable-prefix-caching": boolean;
  readonly "max-num-seqs"?: number;
  readonly "generation-config": "auto" | "vllm";
  readonly "chat-template": string;
  readonly "enable-auto-tool-choice"?: true;
  readonly "tool-call-parser"?: string;
  readonly "reasoning-parser"?: string;
  readonly "default-chat-template-kwargs"?: {
    readonly enable_thinking: boolean;
  };
};

/** Everything needed to serve the fine-tuned checkpoint so it renders prompts as training did. */
export interface ServingConfig {
  readonly name: string;
  readonly namespace: string;
  readonly image: string;
  readonly chatTemplate: {
    readonly path: string;
    readonly sha256: string;
    readonly text: string;
  };
  readonly vllm: VllmServeConfig;
  /** The container command: `vllm serve <model> --config <file>`. */
  readonly command: readonly string[];
  /** The same settings as one command line, for hosts without the config file (Slurm, a shell). */
  readonly commandLine: readonly string[];
  readonly configYaml: string;
  /** The sampling defaults and stop tokens the checkpoint must ship (vLLM applies them with `auto`). */
  readonly generation: GenerationDefaults;
  /** generation_config.json to place in the checkpoint directory. */
  readonly generationConfigJson: string;
  readonly kubernetes: ServingKubernetes;
  readonly sizing: ServingSizing;
  /** sha256 of the canonical JSON of `servingRecord(config)`, the part the run manifest pins. */
  readonly sha256: string;
}

/** The vLLM tool parser that reads each trained tool-call format. */
export const toolParserFor = {
  "hermes-json": "hermes",
  "qwen3-xml": "qwen3_xml",
  none: undefined,
} as const satisfies Record<ToolCallFormat, string | undefined>;

/** Server-wide template kwargs per trained thinking mode (`per-row` leaves it to each request). */
export const templateKwargsFor = {
  enabled: undefined,
  disabled: { enable_thinking: false },
  "per-row": undefined,
} as const satisfies Record<
  ThinkingMode,
  { readonly enable_thinking: boolean } | undefined
>;

/** Qwen3's reasoning parser separates `<think>` blocks in every thinking mode. */
export const QWEN3_REASONING_PARSER = "qwen3";

/** The part of a serving config that decides how prompts render and sample: what a manifest pins. */
export function servingRecord(config: ServingConfig): {
  readonly image: string;
  readonly vllm: VllmServeConfig;
  readonly chatTemplateSha256: string;
  readonly generation: GenerationDefaults;
} {
  return {
    image: config.image,
    vllm: config.vllm,
    chatTemplateSha256: config.chatTemplate.sha256,
    generation: config.generation,
  };
}

function generationConfigFile(g: GenerationDefaults): string {
  const file: Record<string, unknown> = {
    do_sample: g.doSample,
    eos_token_id: g.eosTokenIds,
    pad_token_id: g.padTokenId,
    temperature: g.temperature,
    top_k: g.topK,
    top_p: g.topP,
  };
  if (g.minP !== undefined) file["min_p"] = g.minP;
  if (g.presencePenalty !== undefined)
    file["presence_penalty"] = g.presencePenalty;
  if (g.repetitionPenalty !== undefined)
    file["repetition_penalty"] = g.repetitionPenalty;
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** `--flag value` pairs for one config; booleans become bare or `--no-` flags. */
function toCommandLine(v: VllmServeConfig): string[] {
  const out: string[] = ["vllm", "serve", v.model];
  for (const [key, value] of Object.entries(v)) {
    if (key === "model" || value === undefined) continue;
    if (value === true) out.push(`--${key}`);
    else if (value === false) out.push(`--no-${key}`);
    else if (typeof value === "object")
      out.push(`--${key}`, JSON.stringify(value));
    else out.push(`--${key}`, String(value));
  }
  return out;
}

const RFC1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

function checkOptions(
  o: ServingOptions,
  spec: TrainingSpec,
  modelPath: string,
  name: string,
): Diagnostic[] {
  const m = modelShapes[spec.baseModel.id];
  const out: Diagnostic[] = [];
  const bad = (field: string, message: string): void => {
    out.push(error(codes.servingInvalidOptions, message, { path: [field] }));
  };
  const tp = o.tensorParallelSize;
  if (
    !Number.isInteger(tp) ||
    tp < 1 ||
    m.queryHeads % tp !== 0 ||
    m.kvHeads % tp !== 0 ||
    m.intermediate % tp !== 0
  )
    bad(
      "tensorParallelSize",
      `tensor parallel size ${tp} must divide ${m.queryHeads} query heads, ${m.kvHeads} KV heads and ${m.intermediate} MLP width`,
    );
  if (!Number.isInteger(o.maxModelLen) || o.maxModelLen < 1)
    bad(
      "maxModelLen",
      `max model length ${o.maxModelLen} is not a positive integer`,
    );
  else if (o.maxModelLen > m.nativeContext)
    bad(
      "maxModelLen",
      `max model length ${o.maxModelLen} exceeds the native ${m.nativeContext}-token context; longer needs YaRN RoPE scaling`,
    );
  if (!(o.gpuMemoryUtilization > 0 && o.gpuMemoryUtilization <= 1))
    bad(
      "gpuMemoryUtilization",
      `GPU memory utilisation ${o.gpuMemoryUtilization} is not in (0, 1]`,
    );
  if (
    o.sizingContext !== undefined &&
    !(o.sizingContext >= 1 && o.sizingContext <= o.maxModelLen)
  )
    bad(
      "sizingContext",
      `sizing context ${o.sizingContext} is not within 1…${o.maxModelLen}`,
    );
  if (
    o.maxNumSeqs !== undefined &&
    !(Number.isInteger(o.maxNumSeqs) && o.maxNumSeqs >= 1)
  )
    bad("maxNumSeqs", `max-num-seqs ${o.maxNumSeqs} is not a positive integer`);
  if (!Number.isInteger(o.replicas) || o.replicas < 0)
    bad("replicas", `replicas ${o.replicas} is not a non-negative integer`);
  if (!RFC1035.test(name) || name.length > 52)
    bad(
      "name",
      `resource name "${name}" must be an RFC 1035 label of at most 52 characters (suffixes are added)`,
    );
  const mount = o.modelVolume.mountPath.replace(/\/+$/, "");
  if (!modelPath.startsWith(`${mount}/`))
    bad(
      "modelPath",
      `model path ${modelPath} is not under the mounted volume ${mount}`,
    );
  return out;
}

/**
 * vLLM flags, `--config` YAML, Kubernetes objects, production-stack Helm values and a KV-cache
 * sizing for the checkpoint `spec` trains. Refuses (diagnostics, no config) when the template
 * text is not the one the dataset was rendered with, or when the options cannot work.
 */
export function servingConfig(
  spec: TrainingSpec,
  facts: DatasetFacts,
  options: Partial<ServingOptions> & { readonly chatTemplate: string },
): Result<ServingConfig> {
  const o: ServingOptions = { ...defaultServingOptions, ...options };
  const templateSha = sha256Hex(o.chatTemplate);
  const diagnostics: Diagnostic[] = [];
  if (templateSha !== facts.chatTemplate.sha256)
    diagnostics.push(
      error(
        codes.servingTemplateMismatch,
        `the chat template to serve has sha256 ${templateSha}, the dataset was rendered with ${facts.chatTemplate.sha256}`,
        {
          path: ["chatTemplate"],
          hint: "serve the exact template bytes pinned in the dataset card",
        },
      ),
    );
  if (spec.chatTemplateSha256 !== facts.chatTemplate.sha256)
    diagnostics.push(
      error(
        codes.servingTemplateMismatch,
        `the training spec pins template ${spec.chatTemplateSha256}, the dataset card ${facts.chatTemplate.sha256}`,
        { path: ["chatTemplateSha256"] },
      ),
    );
  const modelPath = o.modelPath ?? spec.output.finalModelUri;
  const name = o.name ?? spec.name;
  diagnostics.push(...checkOptions(o, spec, modelPath, name));
  if (diagnostics.length > 0) return fail(diagnostics);

  const shape = modelShapes[spec.baseModel.id];
  const sizing = sizeServing({
    model: shape,
    gpuType: o.gpuType,
    tensorParallelSize: o.tensorParallelSize,
    gpuMemoryUtilization: o.gpuMemoryUtilization,
    runtimeOverheadBytes: o.runtimeOverheadBytes,
    context: o.sizingContext ?? o.maxModelLen,
  });
  if (sizing.maxConcurrentSequences < 1)
    return fail([
      error(
        codes.servingDoesNotFit,
        `weights leave room for ${sizing.kvTokens} KV tokens per replica, less than one ${sizing.context}-token sequence`,
        {
          path: ["tensorParallelSize"],
          hint: "raise tensorParallelSize or gpuMemoryUtilization, or lower maxModelLen",
        },
      ),
    ]);

  const toolParser = toolParserFor[facts.toolCallFormat];
  const kwargs = templateKwargsFor[facts.thinking];
  const vllm: VllmServeConfig = {
    model: modelPath,
    "served-model-name": o.servedModelName ?? spec.name,
    host: "0.0.0.0",
    port: o.port,
    dtype: "bfloat16",
    "tensor-parallel-size": o.tensorParallelSize,
    "max-model-len": o.maxModelLen,
    "gpu-memory-utilization": o.gpuMemoryUtilization,
    "enable-prefix-caching": o.enablePrefixCaching,
    ...(o.maxNumSeqs === undefined ? {} : { "max-num-seqs": o.maxNumSeqs }),
    "generation-config": o.generationConfig,
    "chat-template": o.chatTemplatePath,
    ...(toolParser === undefined
      ? {}
      : {
          "enable-auto-tool-choice": true as const,
          "tool-call-parser": toolParser,
        }),
    "reasoning-parser": QWEN3_REASONING_PARSER,
    ...(kwargs === undefined ? {} : { "default-chat-template-kwargs": kwargs }),
  };
  const configYaml = stringify(vllm, YAML_OPTIONS);
  const generation = facts.generation;
  const partial = {
    name,
    namespace: o.namespace,
    image: o.image,
    chatTemplate: {
      path: o.chatTemplatePath,
      sha256: templateSha,
      text: o.chatTemplate,
    },
    vllm,
    command: ["vllm", "serve", modelPath, "--config", o.configPath],
    commandLine: toCommandLine(vllm),
    configYaml,
    generation,
    generationConfigJson: generationConfigFile(generation),
    sizing,
  };
  const sha256 = hashJson({
    image: partial.image,
    vllm,
    chatTemplateSha256: templateSha,
    generation,
  });
  const kubernetes = servingKubernetes({
    name,
    namespace: o.namespace,
    image: o.image,
    command: partial.command,
    configYaml,
    chatTemplate: o.chatTemplate,
    options: o,
    vllm,
    servingSha256: sha256,
  });
  return ok({ ...partial, kubernetes, sha256 });
}
