import { describe, expect, it } from "vitest";
import {
  checkServingParity,
  codes,
  servingConfig,
  type DatasetFacts,
  type ParityKind,
  type ServingConfig,
} from "../../src/index.js";
import { TEMPLATE, facts, factsWith, spec } from "./fixtures.js";

function config(
  f: DatasetFacts = facts,
  generationConfig: "auto" | "vllm" = "auto",
): ServingConfig {
  const result = servingConfig(spec, f, {
    chatTemplate: TEMPLATE,
    generationConfig,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  return result.value;
}

function differences(
  c: Parameters<typeof checkServingParity>[0],
  f: DatasetFacts,
): [ParityKind, string][] {
  const report = checkServingParity(c, f);
  expect(report.ok).toBe(report.differences.length === 0);
  expect(report.diagnostics).toHaveLength(report.differences.length);
  return report.differences.map((d) => [d.kind, d.path.join(".")]);
}

describe("checkServingParity", () => {
  it("passes a config built from the same dataset", () => {
    const report = checkServingParity(config(), facts);
    expect(report).toEqual({ ok: true, differences: [], diagnostics: [] });
  });

  it("fails on a template hash that differs from the training rows'", () => {
    const other = factsWith({ chatTemplate: { sha256: "0".repeat(64) } });
    expect(differences(config(), other)).toEqual([
      ["chat-template", "chatTemplate.text"],
    ]);
    const report = checkServingParity(config(), other);
    expect(report.diagnostics[0]?.code).toBe(codes.servingTemplateMismatch);
    expect(report.diagnostics[0]?.message).toContain("0".repeat(64));
  });

  it("fails on served template bytes that do not match their recorded hash", () => {
    const c = config();
    const tampered = {
      ...c,
      chatTemplate: { ...c.chatTemplate, text: `${TEMPLATE}\n` },
    };
    expect(differences(tampered, facts)).toEqual([
      ["chat-template", "chatTemplate.sha256"],
      ["chat-template", "chatTemplate.text"],
    ]);
  });

  it("fails when the tool parser does not read the trained tool-call format", () => {
    expect(
      differences(config(), factsWith({ toolCallFormat: "qwen3-xml" })),
    ).toEqual([["tool-parser", "vllm.tool-call-parser"]]);
    expect(
      differences(config(), factsWith({ toolCallFormat: "none" })),
    ).toEqual([
      ["tool-parser", "vllm.tool-call-parser"],
      ["tool-parser", "vllm.enable-auto-tool-choice"],
    ]);
    const c = config();
    const noAuto = {
      ...c,
      vllm: { ...c.vllm, "enable-auto-tool-choice": undefined },
    };
    expect(differences(noAuto, facts)).toEqual([
      ["tool-parser", "vllm.enable-auto-tool-choice"],
    ]);
    const report = checkServingParity(
      config(),
      factsWith({ toolCallFormat: "qwen3-xml" }),
    );
    expect(report.diagnostics[0]).toMatchObject({
      code: codes.servingToolParserMismatch,
      path: ["vllm", "tool-call-parser"],
    });
    expect(report.diagnostics[0]?.message).toContain('"qwen3_xml"');
  });

  it("fails when the thinking mode differs from the training rows", () => {
    // trained without thinking, served with the template's default (thinking on)
    expect(differences(config(), factsWith({ thinking: "disabled" }))).toEqual([
      ["thinking", "vllm.default-chat-template-kwargs"],
    ]);
    // trained with thinking, served with thinking off
    const off = config(factsWith({ thinking: "disabled" }));
    expect(differences(off, facts)).toEqual([
      ["thinking", "vllm.default-chat-template-kwargs"],
    ]);
    // per-row kwargs must not be overridden server-wide
    expect(differences(off, factsWith({ thinking: "per-row" }))).toEqual([
      ["thinking", "vllm.default-chat-template-kwargs"],
    ]);
    const c = config();
    const noParser = {
      ...c,
      vllm: { ...c.vllm, "reasoning-parser": undefined },
    };
    expect(differences(noParser, facts)).toEqual([
      ["thinking", "vllm.reasoning-parser"],
    ]);
    expect(checkServingParity(noParser, facts).diagnostics[0]?.code).toBe(
      codes.servingThinkingMismatch,
    );
  });

  it("fails when generation defaults differ, naming each field", () => {
    const other = factsWith({
      generation: { ...facts.generation, temperature: 0.7, topP: 0.8, minP: 0 },
    });
    expect(differences(config(), other)).toEqual([
      ["generation", "generation.minP"],
      ["generation", "generation.temperature"],
      ["generation", "generation.topP"],
    ]);
    const report = checkServingParity(config(), other);
    expect(report.diagnostics.map((d) => d.code)).toEqual([
      codes.servingGenerationMismatch,
      codes.servingGenerationMismatch,
      codes.servingGenerationMismatch,
    ]);
    expect(report.diagnostics[1]?.message).toContain("generation.temperature");
    expect(differences(config(facts, "vllm"), facts)).toEqual([
      ["generation", "vllm.generation-config"],
    ]);
    const eos = factsWith({
      generation: { ...facts.generation, eosTokenIds: [151645] },
    });
    expect(differences(config(), eos)).toEqual([
      ["generation", "generation.eosTokenIds"],
    ]);
  });

  it("reports every difference at once", () => {
    const other = factsWith({
      chatTemplate: { sha256: "1".repeat(64) },
      toolCallFormat: "qwen3-xml",
      thinking: "disabled",
      generation: { ...facts.generation, topK: 40 },
    });
    expect(differences(config(), other).map(([k]) => k)).toEqual([
      "chat-template",
      "tool-parser",
      "thinking",
      "generation",
    ]);
  });
});
