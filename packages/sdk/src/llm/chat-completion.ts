import type {
  AssistantMessage,
  ChatMessage,
  JsonValue,
  ToolDefinition,
} from "../conversation/chat-message.js";

/**
 * The body of `POST {baseUrl}/chat/completions` in the OpenAI wire format (vLLM accepts
 * the extra sampling keys `top_k`, `min_p` and `chat_template_kwargs`). Field names are the
 * wire names, so the body is sent as is and `ChatCompletionRequest` (the serving agent's
 * request) fits it unchanged. Streaming is not offered: an answer is cached and accounted
 * as a whole.
 */
export interface ChatCompletionRequestBody {
  /** The client's model when absent. */
  readonly model?: string;
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly ToolDefinition[];
  readonly tool_choice?:
    | "none"
    | "auto"
    | "required"
    | {
        readonly type: "function";
        readonly function: { readonly name: string };
      };
  readonly parallel_tool_calls?: boolean;
  readonly temperature?: number;
  readonly top_p?: number;
  readonly top_k?: number;
  readonly min_p?: number;
  readonly presence_penalty?: number;
  readonly frequency_penalty?: number;
  readonly max_tokens?: number;
  readonly max_completion_tokens?: number;
  readonly seed?: number;
  /** Several samples of one prompt (self-consistency); each is a choice of the answer. */
  readonly n?: number;
  readonly stop?: readonly string[];
  readonly response_format?: {
    readonly type: string;
    readonly [key: string]: JsonValue;
  };
  readonly chat_template_kwargs?: { readonly [key: string]: JsonValue };
}

/** One sample of an answer; the message is normalised (`content: null` becomes ""). */
export interface ChatCompletionChoice {
  readonly index: number;
  readonly message: AssistantMessage;
  readonly finish_reason: string | null;
}

/** Tokens an answer's `usage` reports. */
export interface TokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export interface ChatCompletionAnswer {
  /** The model asked for (the request's, else the client's); usage is accounted under it. */
  readonly model: string;
  /** The model the server says answered (`model` of the answer), e.g. a dated snapshot. */
  readonly servedModel: string;
  /** The first choice's message. */
  readonly message: AssistantMessage;
  readonly finishReason: string | null;
  readonly choices: readonly ChatCompletionChoice[];
  readonly usage: TokenUsage;
  /** What this answer cost now: 0 when it came from the cache. */
  readonly costUsd: number;
  readonly cached: boolean;
  /** sha256 of the canonical request (with the cache namespace): the cache entry's name. */
  readonly cacheKey: string;
  /** HTTP attempts this answer took (0 when cached). */
  readonly attempts: number;
  /** Wall time from the first attempt to the answer (0 when cached); never part of any content. */
  readonly latencyMs: number;
}
