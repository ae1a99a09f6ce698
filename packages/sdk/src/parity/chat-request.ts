import type {
  ChatMessage,
  Conversation,
  ToolDefinition,
} from "../conversation/chat-message.js";
import {
  canonicalMessage,
  canonicalTool,
  type GenerationConfig,
} from "../dataset/dataset-row.js";

/** A chat-completions request body in the OpenAI wire format that vLLM accepts. */
export interface ChatCompletionRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ToolDefinition[];
  readonly chat_template_kwargs: { readonly enable_thinking: boolean };
  readonly temperature: number;
  readonly top_p: number;
  readonly top_k: number;
  readonly min_p: number;
  readonly presence_penalty: number;
}

/**
 * The request the serving agent sends for a conversation: the same canonical messages and
 * tools a training row holds, the thinking switch and the sampling settings spelled out (so
 * no server default silently applies). Training rows and the agent service both go through
 * this shape, which is what the parity certificate checks.
 */
export function chatCompletionRequest(
  conv: Conversation,
  options: {
    readonly model: string;
    readonly enableThinking: boolean;
    readonly generation: GenerationConfig;
  },
): ChatCompletionRequest {
  return {
    model: options.model,
    messages: conv.messages.map(canonicalMessage),
    ...(conv.tools.length > 0 ? { tools: conv.tools.map(canonicalTool) } : {}),
    chat_template_kwargs: { enable_thinking: options.enableThinking },
    temperature: options.generation.temperature,
    top_p: options.generation.top_p,
    top_k: options.generation.top_k,
    min_p: options.generation.min_p,
    presence_penalty: options.generation.presence_penalty,
  };
}
