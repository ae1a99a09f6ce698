import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import {
  codes,
  hashJson,
  servingConfig,
  servingRecord,
  type ServingConfig,
} from "../../src/index.js";
import { TEMPLATE, facts, factsWith, spec } from "./fixtures.js";

function config(
  options: Parameters<typeof servingConfig>[2] = { chatTemplate: TEMPLATE },
  f = facts,
): ServingConfig {
  const result = servingConfig(spec, f, options);
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

describe("servingConfig: vLLM flags and --config YAML", () => {
  it("serves the checkpoint with tool calling, the qwen3 reasoning parser and the pinned template", () => {
    const c = config();
    expect(c.vllm).toEqual({
      model: "/shared/models/flow-agent-qwen3-32b-sft",
      "served-model-name": "flow-agent-qwen3-32b-sft",
      host: "0.0.0.0",
      port: 8000,
      dtype: "bfloat16",
      "tensor-parallel-size": 2,
      "max-model-len": 32768,
      "gpu-memory-utilization": 0.9,
      "enable-prefix-caching": true,
      "generation-config": "auto",
      "chat-template": "/etc/vllm/chat-template.jinja",
      "enable-auto-tool-choice": true,
      "tool-call-parser": "hermes",
      "reasoning-parser": "qwen3",
    });
    expect(parse(c.configYaml)).toEqual(c.vllm);
    expect(c.command).toEqual([
      "vllm",
      "serve",
      "/shared/models/flow-agent-qwen3-32b-sft",
      "--config",
      "/etc/vllm/config.yaml",
    ]);
    const line = c.commandLine.join(" ");
    expect(line).toContain(
      "--enable-auto-tool-choice --tool-call-parser hermes --reasoning-parser qwen3",
    );
    expect(line).toContain("--generation-config auto");
    expect(line).not.toContain("default-chat-template-kwargs");
    expect(c.chatTemplate.text).toBe(TEMPLATE);
    expect(c.chatTemplate.sha256).toBe(facts.chatTemplate.sha256);
  });

  it("ships the dataset's generation defaults as generation_config.json", () => {
    expect(JSON.parse(config().generationConfigJson)).toEqual({
      do_sample: true,
      eos_token_id: [151645, 151643],
      pad_token_id: 151643,
      temperature: 0.6,
      top_k: 20,
      top_p: 0.95,
    });
  });

  it("turns thinking off server-wide for rows rendered with enable_thinking=false", () => {
    const c = config(undefined, factsWith({ thinking: "disabled" }));
    expect(c.vllm["default-chat-template-kwargs"]).toEqual({
      enable_thinking: false,
    });
    expect(c.commandLine.join(" ")).toContain(
      '--default-chat-template-kwargs {"enable_thinking":false}',
    );
  });

  it("omits tool flags when the rows carry no tool calls, and maps the XML format", () => {
    const none = config(undefined, factsWith({ toolCallFormat: "none" }));
    expect(none.vllm["tool-call-parser"]).toBeUndefined();
    expect(none.vllm["enable-auto-tool-choice"]).toBeUndefined();
    const xml = config(undefined, factsWith({ toolCallFormat: "qwen3-xml" }));
    expect(xml.vllm["tool-call-parser"]).toBe("qwen3_xml");
  });

  it("is deterministic and hashes its serving record", () => {
    const a = config();
    expect(JSON.stringify(a)).toBe(JSON.stringify(config()));
    expect(a.sha256).toBe(hashJson(servingRecord(a)));
    const b = config({ chatTemplate: TEMPLATE, maxModelLen: 16384 });
    expect(b.sha256).not.toBe(a.sha256);
  });
});

describe("servingConfig: refusals", () => {
  it("refuses template bytes that differ from the dataset's", () => {
    const result = servingConfig(spec, facts, { chatTemplate: `${TEMPLATE} ` });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toMatchObject([
      { code: codes.servingTemplateMismatch, path: ["chatTemplate"] },
    ]);
  });

  it("refuses impossible options with the option's name as path", () => {
    const result = servingConfig(spec, facts, {
      chatTemplate: TEMPLATE,
      tensorParallelSize: 3,
      maxModelLen: 65536,
      gpuMemoryUtilization: 1.5,
      modelPath: "/elsewhere/model",
    });
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([
      [codes.servingInvalidOptions, ["tensorParallelSize"]],
      [codes.servingInvalidOptions, ["maxModelLen"]],
      [codes.servingInvalidOptions, ["gpuMemoryUtilization"]],
      [codes.servingInvalidOptions, ["modelPath"]],
    ]);
  });

  it("refuses when the weights leave no KV cache for one sequence", () => {
    const result = servingConfig(spec, facts, {
      chatTemplate: TEMPLATE,
      gpuType: "A100-80GB",
      tensorParallelSize: 1,
    });
    expect(result.diagnostics).toMatchObject([
      { code: codes.servingDoesNotFit },
    ]);
  });
});

describe("servingConfig: KV-cache sizing", () => {
  it("matches the hand computation for TP=2 on H200", () => {
    const s = config().sizing;
    // 2 × 64 layers × 8 KV heads × 128 × 2 B
    expect(s.kvBytesPerToken).toBe(262_144);
    expect(s.kvBytesPerTokenPerGpu).toBe(131_072);
    // 32,762,123,264 params × 2 B / 2
    expect(s.weightBytesPerGpu).toBe(32_762_123_264);
    // 141e9 × 0.9 − 32,762,123,264 − 6e9 runtime
    expect(s.freeBytesPerGpu).toBe(88_137_876_736);
    // floor(88,137,876,736 / 131,072): ≈ the 650K tokens of ml-stack §2.1
    expect(s.kvTokens).toBe(672_438);
    // floor(672,438 / 32,768)
    expect(s.maxConcurrentSequences).toBe(20);
    // 20 / ((32,762,123,264 + 20 × 32,768 × 131,072) B / 4.8e12 B/s)
    expect(s.decodeTokensPerSecond).toBeCloseTo(809.02, 1);
  });

  it("matches ml-stack's ~200K tokens on one H200", () => {
    const s = config({ chatTemplate: TEMPLATE, tensorParallelSize: 1 }).sizing;
    // (126.9e9 − 65,524,246,528 − 6e9) / 262,144
    expect(s.freeBytesPerGpu).toBe(55_375_753_472);
    expect(s.kvTokens).toBe(211_241);
  });
});

describe("servingConfig: Kubernetes and Helm", () => {
  it("mounts the same template bytes and config through one ConfigMap", () => {
    const c = config();
    const docs = parseAllDocuments(c.kubernetes.yaml);
    expect(Array.isArray(docs)).toBe(true);
    const objects = (docs as { toJS(): Record<string, unknown> }[]).map((d) =>
      d.toJS(),
    );
    expect(objects.map((o) => o["kind"])).toEqual([
      "ConfigMap",
      "Deployment",
      "Service",
    ]);
    const data = objects[0]?.["data"] as Record<string, string>;
    expect(data["chat-template.jinja"]).toBe(TEMPLATE);
    expect(data["config.yaml"]).toBe(c.configYaml);
    expect(objects[1]).toEqual(c.kubernetes.deployment);
    expect(c.kubernetes.yaml).not.toMatch(/[&*]a\d/);
    const container = (
      c.kubernetes.deployment as {
        spec: { template: { spec: { containers: Record<string, unknown>[] } } };
      }
    ).spec.template.spec.containers[0];
    expect(container?.["resources"]).toMatchObject({
      limits: { "nvidia.com/gpu": 2 },
    });
    expect(container?.["command"]).toEqual(c.command);
  });

  it("passes tool and reasoning flags to production-stack through extraArgs", () => {
    const values = parse(config().kubernetes.helmValuesYaml) as {
      servingEngineSpec: { modelSpec: Record<string, unknown>[] };
    };
    const model = values.servingEngineSpec.modelSpec[0];
    expect(model).toMatchObject({
      repository: "vllm/vllm-openai",
      tag: "v0.11.0",
      modelURL: "/shared/models/flow-agent-qwen3-32b-sft",
      requestGPU: 2,
      vllmConfig: { tensorParallelSize: 2, maxModelLen: 32768 },
    });
    const extra = (model?.["vllmConfig"] as { extraArgs: string[] }).extraArgs;
    expect(extra.join(" ")).toContain(
      "--enable-auto-tool-choice --tool-call-parser hermes --reasoning-parser qwen3",
    );
    expect(extra.join(" ")).toContain(
      "--chat-template /etc/vllm/chat-template.jinja",
    );
  });

  it("references the API key by Secret, never by value", () => {
    const c = config({
      chatTemplate: TEMPLATE,
      apiKeySecret: { secretName: "vllm-api", secretKey: "key" },
    });
    expect(c.kubernetes.yaml).toContain("secretKeyRef");
    expect(c.kubernetes.yaml).toContain("VLLM_API_KEY");
    expect(c.kubernetes.helmValuesYaml).toContain("secretName: vllm-api");
  });
});
