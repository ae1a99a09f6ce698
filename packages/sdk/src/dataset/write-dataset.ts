import { z } from "zod";
import type { Diagnostic, Result } from "@flowpy/transpiler";
import { toolCallFormats } from "../render/tool-call-format.js";
import { sdkCodes } from "../sdk-codes.js";
import { serializeRow, type DatasetRow } from "./dataset-row.js";
import {
  datasetCard,
  type DatasetCard,
  type CardOptions,
} from "./dataset-card.js";

export interface WriteOptions extends CardOptions {
  /** Seed of the row shuffle; the same rows and seed always give the same bytes. */
  readonly seed: number;
  /** Shuffle rows (seeded) instead of keeping the given order. */
  readonly shuffle: boolean;
}

export interface WrittenDataset {
  /** One canonical JSON object per line, `\n`-terminated. */
  readonly jsonl: string;
  readonly card: DatasetCard;
}

/** mulberry32: tiny, fast, and identical on every platform for a given 32-bit seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  const random = seededRandom(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/**
 * The dataset file and its card. Deterministic: no clocks, no unseeded randomness, fixed
 * key orders, so the same rows and seed give byte-identical output.
 */
export function writeDataset(
  rows: readonly DatasetRow[],
  options: WriteOptions,
): WrittenDataset {
  const ordered = options.shuffle
    ? seededShuffle(rows, options.seed)
    : [...rows];
  const jsonl = ordered.map((r) => `${serializeRow(r)}\n`).join("");
  return { jsonl, card: datasetCard(ordered, options) };
}

const json: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(json),
    z.record(z.string(), json),
  ]),
);

const toolCall = z.strictObject({
  id: z.string(),
  type: z.literal("function"),
  function: z.strictObject({ name: z.string(), arguments: z.string() }),
});

/** An OpenAI chat message as a row (or a production conversation) stores it. */
export const chatMessageSchema = z.discriminatedUnion("role", [
  z.strictObject({ role: z.literal("system"), content: z.string() }),
  z.strictObject({ role: z.literal("user"), content: z.string() }),
  z.strictObject({
    role: z.literal("assistant"),
    content: z.string(),
    reasoning_content: z.string().optional(),
    tool_calls: z.array(toolCall).optional(),
  }),
  z.strictObject({
    role: z.literal("tool"),
    tool_call_id: z.string(),
    content: z.string(),
  }),
]);

const rowSchema = z.strictObject({
  messages: z.array(chatMessageSchema),
  tools: z.string(),
  input_ids: z.array(z.number().int().nonnegative()),
  assistant_masks: z.array(z.union([z.literal(0), z.literal(1)])),
  meta: z.strictObject({
    id: z.string(),
    source: z.string(),
    variant: z.string(),
    tasks: z.array(z.string()),
    enable_thinking: z.boolean(),
    tool_call_format: z.enum(toolCallFormats),
    generation_config: z.strictObject({
      temperature: z.number(),
      top_p: z.number(),
      top_k: z.number(),
      min_p: z.number(),
      presence_penalty: z.number(),
    }),
    template_sha256: z.string(),
    tool_set_sha256: z.string(),
    tokens: z.number().int(),
    trained_tokens: z.number().int(),
  }),
});

const toolsSchema = z.array(
  z.strictObject({
    type: z.literal("function"),
    function: z.strictObject({
      name: z.string(),
      description: z.string(),
      parameters: z.record(z.string(), json),
    }),
  }),
);

/** Reads a dataset file back; every malformed line is reported with its line number. */
export function readDatasetJsonl(text: string): Result<DatasetRow[]> {
  const rows: DatasetRow[] = [];
  const diagnostics: Diagnostic[] = [];
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  for (const [i, line] of lines.entries()) {
    const where = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      diagnostics.push(
        invalid(`${where} is not JSON: ${(e as Error).message}`, i),
      );
      continue;
    }
    const parsed = rowSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      diagnostics.push(
        invalid(
          `${where} is not a dataset row: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`,
          i,
        ),
      );
      continue;
    }
    let tools: unknown;
    try {
      tools = JSON.parse(parsed.data.tools);
    } catch {
      tools = undefined;
    }
    if (!toolsSchema.safeParse(tools).success) {
      diagnostics.push(
        invalid(`${where}: tools is not an OpenAI tools array`, i),
      );
      continue;
    }
    if (parsed.data.assistant_masks.length !== parsed.data.input_ids.length) {
      diagnostics.push(
        invalid(`${where}: assistant_masks and input_ids differ in length`, i),
      );
      continue;
    }
    rows.push(parsed.data as DatasetRow);
  }
  return diagnostics.length > 0
    ? { ok: false, diagnostics }
    : { ok: true, value: rows, diagnostics: [] };
}

function invalid(message: string, line: number): Diagnostic {
  return {
    code: sdkCodes.datasetInvalidRow,
    severity: "error",
    message,
    path: [line],
  };
}
