import {
  QWEN3_TEMPLATE_SHA256,
  QWEN3_TEMPLATE_SOURCE,
  type Result,
} from "@flowpy/sdk";
import { z } from "zod";
import { codes } from "../diagnostics/codes.js";
import {
  parseDatasetFacts,
  type DatasetFacts,
  type ThinkingMode,
  type ToolCallFormat,
} from "./dataset-facts.js";
import { parseJsonText, validate, type Inconsistency } from "./validate.js";

/** The format tag of the SDK's dataset cards (`flowpy-sdk dataset corpus`, `writeDataset`). */
export const SDK_CARD_FORMAT = "flowpy-sdk-rows/1";

const count = z.int().nonnegative();

/** The part of an SDK dataset card the bridge reads; other card fields are ignored. */
const SdkCard = z.object({
  name: z.string().min(1),
  format: z.literal(SDK_CARD_FORMAT),
  rows: count,
  jsonl_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  tokenizer: z.string().min(1),
  template_sha256: z.array(z.string()),
  enable_thinking: z.partialRecord(z.enum(["true", "false"]), count),
  tool_call_format: z.record(z.string(), count),
  generation_config: z.array(
    z.object({
      rows: count,
      config: z.object({
        do_sample: z.boolean(),
        temperature: z.number(),
        top_p: z.number(),
        top_k: z.int(),
        min_p: z.number(),
        presence_penalty: z.number(),
        eos_token_id: z.array(z.int().nonnegative()),
        pad_token_id: z.int().nonnegative(),
      }),
    }),
  ),
  tokens: z.object({ total: count, trained: count, max: count }),
});
type SdkCard = z.infer<typeof SdkCard>;

/** The card's spellings of tool calls the bridge can serve (`none` rows carry no calls). */
const servedFormats: readonly string[] = ["hermes-json"];

/** Rows a checkpoint is served for must agree on these; more than one value cannot be served. */
function cardProblems(card: SdkCard): Inconsistency[] {
  const out: Inconsistency[] = [];
  if (card.template_sha256.length !== 1)
    out.push({
      path: ["template_sha256"],
      message:
        card.template_sha256.length === 0
          ? "the card names no chat template (it has no rows)"
          : `rows were rendered with ${card.template_sha256.length} chat templates; a checkpoint serves one`,
    });
  const formats = Object.keys(card.tool_call_format).filter(
    (f) => f !== "none" && (card.tool_call_format[f] ?? 0) > 0,
  );
  if (formats.some((f) => !servedFormats.includes(f)) || formats.length > 1)
    out.push({
      path: ["tool_call_format"],
      message: `rows spell tool calls as ${formats.join(", ")}; the bridge serves one of ${servedFormats.join(", ")}`,
      hint: "render every row with the same template that writes hermes <tool_call> JSON",
    });
  if (card.generation_config.length > 1)
    out.push({
      path: ["generation_config"],
      message: `rows call for ${card.generation_config.length} different generation configs; a checkpoint ships one`,
    });
  return out;
}

function thinkingMode(tally: SdkCard["enable_thinking"]): ThinkingMode {
  const on = (tally.true ?? 0) > 0;
  const off = (tally.false ?? 0) > 0;
  return on && off ? "per-row" : off ? "disabled" : "enabled";
}

function toolCallFormat(tally: SdkCard["tool_call_format"]): ToolCallFormat {
  return (tally["hermes-json"] ?? 0) > 0 ? "hermes-json" : "none";
}

/** Where the rows are and which version they are, when the card alone does not say. */
export interface CardLocation {
  /** Where the rows live; by default `train.jsonl`, the file written beside the card. */
  readonly uri?: string;
  /** The dataset version; by default the sha256 of the rows file, as the card records it. */
  readonly version?: string;
}

/**
 * The facts the bridge plans, trains and serves by, read from the SDK's dataset card: the
 * template hash, how the rendered rows spell tool calls, the thinking mode they were rendered
 * in, the checkpoint generation config they call for, the tokenizer and the token counts. The
 * SDK writes one split, so the eval split is empty. Problems come back as
 * `dataset-facts-invalid` diagnostics with the card's JSON paths.
 */
export function datasetFactsFromCard(
  cardJson: string,
  where: CardLocation = {},
): Result<DatasetFacts> {
  const parsed = parseJsonText(cardJson);
  if (!parsed.ok) return parsed;
  const card = validate(
    SdkCard,
    parsed.value,
    codes.datasetFactsInvalid,
    cardProblems,
  );
  if (!card.ok) return card;
  const c = card.value;
  const sha256 = c.template_sha256[0] ?? "";
  const g = c.generation_config[0]?.config;
  return parseDatasetFacts({
    name: c.name,
    version: where.version ?? c.jsonl_sha256,
    uri: where.uri ?? "train.jsonl",
    format: "pretokenized",
    tokenizer: c.tokenizer,
    chatTemplate:
      sha256 === QWEN3_TEMPLATE_SHA256
        ? { sha256, source: QWEN3_TEMPLATE_SOURCE }
        : { sha256 },
    toolCallFormat: toolCallFormat(c.tool_call_format),
    thinking: thinkingMode(c.enable_thinking),
    generation:
      g === undefined
        ? undefined
        : {
            doSample: g.do_sample,
            temperature: g.temperature,
            topP: g.top_p,
            topK: g.top_k,
            minP: g.min_p,
            presencePenalty: g.presence_penalty,
            eosTokenIds: g.eos_token_id,
            padTokenId: g.pad_token_id,
          },
    rows: { train: c.rows, eval: 0 },
    tokens: {
      train: c.tokens.total,
      trainAssistant: c.tokens.trained,
      maxRow: c.tokens.max,
      eval: 0,
    },
  });
}

/** Whether a parsed JSON document is an SDK card (as opposed to `DatasetFacts` JSON). */
export function isSdkCard(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { readonly format?: unknown }).format === SDK_CARD_FORMAT
  );
}
