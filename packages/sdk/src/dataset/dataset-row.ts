import type { Result } from "@flowpy/transpiler";
import type {
  ChatMessage,
  Conversation,
  ToolCall,
  ToolDefinition,
} from "../conversation/chat-message.js";
import {
  pinnedQwen3Template,
  type ChatTemplate,
} from "../render/chat-template.js";
import { sha256Hex } from "../sha256-hex.js";
import { qwen3SpecialIds } from "../render/qwen3-tokenizer.js";
import {
  templateInput,
  type TemplateInputPreparer,
} from "../render/render-conversation.js";
import type { Qwen3Tokenizer } from "../render/qwen3-tokenizer.js";
import {
  toolCallFormat,
  type ToolCallFormat,
} from "../render/tool-call-format.js";
import { tokenizeTemplateInput } from "../render/tokenize-row.js";

/** Sampling settings the served agent uses; part of what must match between training and serving. */
export interface GenerationConfig {
  readonly temperature: number;
  readonly top_p: number;
  readonly top_k: number;
  readonly min_p: number;
  readonly presence_penalty: number;
}

export const generationConfigKeys = [
  "temperature",
  "top_p",
  "top_k",
  "min_p",
  "presence_penalty",
] as const satisfies readonly (keyof GenerationConfig)[];

/** Qwen3's published sampling advice for each mode (Qwen3-32B `generation_config.json` for thinking). */
export function qwen3GenerationDefaults(
  enableThinking: boolean,
): GenerationConfig {
  return enableThinking
    ? {
        temperature: 0.6,
        top_p: 0.95,
        top_k: 20,
        min_p: 0,
        presence_penalty: 0,
      }
    : {
        temperature: 0.7,
        top_p: 0.8,
        top_k: 20,
        min_p: 0,
        presence_penalty: 0,
      };
}

/**
 * The `generation_config.json` a checkpoint trained on rows with these sampling settings must
 * ship, in its file's key order: vLLM applies the file by default, so a different one would
 * silently change sampling (ml-stack §1.4). Stop tokens are Qwen3's `<|im_end|>` and
 * `<|endoftext|>`, the pad token `<|endoftext|>`.
 */
export interface CheckpointGenerationConfig {
  readonly do_sample: boolean;
  readonly temperature: number;
  readonly top_p: number;
  readonly top_k: number;
  readonly min_p: number;
  readonly presence_penalty: number;
  readonly eos_token_id: readonly number[];
  readonly pad_token_id: number;
}

export function checkpointGenerationConfig(
  g: GenerationConfig,
): CheckpointGenerationConfig {
  return {
    do_sample: g.temperature > 0,
    temperature: g.temperature,
    top_p: g.top_p,
    top_k: g.top_k,
    min_p: g.min_p,
    presence_penalty: g.presence_penalty,
    eos_token_id: [qwen3SpecialIds.imEnd, qwen3SpecialIds.endOfText],
    pad_token_id: qwen3SpecialIds.endOfText,
  };
}

/** What the caller knows about a row's origin. */
export interface RowSource {
  /** Unique within a dataset, e.g. the corpus file plus the variant. */
  readonly id: string;
  /** Where the conversation came from (a corpus path, a capture id). */
  readonly source: string;
  /** The kind of conversation: e.g. `create`, `edit`, `fix`, `question`. */
  readonly variant: string;
  /** Task ids the conversation uses, for the card's task coverage. */
  readonly tasks: readonly string[];
}

export interface RowMeta extends RowSource {
  readonly enable_thinking: boolean;
  /** How the rendered text spells the tool calls (what the serving tool parser must read). */
  readonly tool_call_format: ToolCallFormat;
  readonly generation_config: GenerationConfig;
  readonly template_sha256: string;
  /** sha256 of the `<tools>` block lines exactly as the model sees them. */
  readonly tool_set_sha256: string;
  readonly tokens: number;
  readonly trained_tokens: number;
}

/**
 * One training row. `messages` are OpenAI chat messages; `tools` is the OpenAI tools array
 * as JSON text, because tool schemas are free-form JSON whose shapes differ between tools,
 * and Arrow (what a `datasets` loader builds) would otherwise unify them into one struct
 * type, injecting nulls or failing on a key with two types (TRL json-decodes a string
 * `tools` column). `input_ids` and `assistant_masks` make re-rendering unnecessary.
 */
export interface DatasetRow {
  readonly messages: readonly ChatMessage[];
  readonly tools: string;
  readonly input_ids: readonly number[];
  readonly assistant_masks: readonly (0 | 1)[];
  readonly meta: RowMeta;
}

export interface RowOptions {
  readonly enableThinking: boolean;
  readonly generationConfig?: GenerationConfig;
  readonly template?: ChatTemplate;
  /** By default the shared Qwen3 tokenizer; a dataset build passes a `segmentCachingTokenizer`. */
  readonly tokenizer?: Qwen3Tokenizer;
  /** By default `templateInput`; a dataset build passes a `cachingTemplateInput`. */
  readonly templateInput?: TemplateInputPreparer;
}

/** The hash of a tool set as the model sees it: its `<tools>` lines, one per tool. */
export function toolSetSha256(toolLines: readonly string[]): string {
  return sha256Hex(toolLines.join("\n"));
}

/** Renders, tokenizes and masks a conversation into a row (diagnostics when it cannot). */
export function buildDatasetRow(
  conv: Conversation,
  source: RowSource,
  options: RowOptions,
): Result<DatasetRow> {
  const template = options.template ?? pinnedQwen3Template();
  const input = (options.templateInput ?? templateInput)(conv);
  if (!input.ok) return input;
  const tokenized = tokenizeTemplateInput(
    input.value,
    { enableThinking: options.enableThinking },
    template,
    options.tokenizer,
  );
  if (!tokenized.ok) return tokenized;
  const { input_ids, assistant_masks, text } = tokenized.value;
  return {
    ok: true,
    value: {
      messages: conv.messages.map(canonicalMessage),
      tools: JSON.stringify(conv.tools.map(canonicalTool)),
      input_ids,
      assistant_masks,
      meta: {
        id: source.id,
        source: source.source,
        variant: source.variant,
        tasks: [...source.tasks],
        enable_thinking: options.enableThinking,
        tool_call_format: toolCallFormat(text, conv),
        generation_config: canonicalGenerationConfig(
          options.generationConfig ??
            qwen3GenerationDefaults(options.enableThinking),
        ),
        template_sha256: template.sha256,
        tool_set_sha256: toolSetSha256(input.value.toolLines),
        tokens: input_ids.length,
        trained_tokens: assistant_masks.reduce<number>((n, m) => n + m, 0),
      },
    },
    diagnostics: [],
  };
}

/** The conversation a row was built from. */
export function rowConversation(row: DatasetRow): Conversation {
  return {
    messages: row.messages,
    tools: JSON.parse(row.tools) as ToolDefinition[],
  };
}

// Canonical key orders: rows are compared and hashed as text, so every object is rebuilt
// with a fixed key order whatever order its producer used.

export function canonicalMessage(m: ChatMessage): ChatMessage {
  switch (m.role) {
    case "system":
    case "user":
      return { role: m.role, content: m.content };
    case "tool":
      return { role: "tool", tool_call_id: m.tool_call_id, content: m.content };
    case "assistant":
      return {
        role: "assistant",
        content: m.content,
        ...(m.reasoning_content !== undefined
          ? { reasoning_content: m.reasoning_content }
          : {}),
        ...(m.tool_calls !== undefined
          ? { tool_calls: m.tool_calls.map(canonicalCall) }
          : {}),
      };
  }
}

function canonicalCall(c: ToolCall): ToolCall {
  return {
    id: c.id,
    type: "function",
    function: { name: c.function.name, arguments: c.function.arguments },
  };
}

export function canonicalTool(t: ToolDefinition): ToolDefinition {
  return {
    type: "function",
    function: {
      name: t.function.name,
      description: t.function.description,
      parameters: t.function.parameters,
    },
  };
}

function canonicalGenerationConfig(g: GenerationConfig): GenerationConfig {
  return {
    temperature: g.temperature,
    top_p: g.top_p,
    top_k: g.top_k,
    min_p: g.min_p,
    presence_penalty: g.presence_penalty,
  };
}

export function canonicalRow(row: DatasetRow): DatasetRow {
  const m = row.meta;
  return {
    messages: row.messages.map(canonicalMessage),
    tools: row.tools,
    input_ids: row.input_ids,
    assistant_masks: row.assistant_masks,
    meta: {
      id: m.id,
      source: m.source,
      variant: m.variant,
      tasks: m.tasks,
      enable_thinking: m.enable_thinking,
      tool_call_format: m.tool_call_format,
      generation_config: canonicalGenerationConfig(m.generation_config),
      template_sha256: m.template_sha256,
      tool_set_sha256: m.tool_set_sha256,
      tokens: m.tokens,
      trained_tokens: m.trained_tokens,
    },
  };
}

/** One row as a JSONL line (without the newline), keys in the canonical order. */
export function serializeRow(row: DatasetRow): string {
  return JSON.stringify(canonicalRow(row));
}
