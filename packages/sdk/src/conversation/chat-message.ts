/**
 * The conversation contract shared by the agent tools, the trajectory builder and the
 * renderer: OpenAI chat-completions messages and tools, exactly as TRL and an
 * OpenAI-compatible server take them. Field names are the wire names on purpose, so a row
 * is sent or stored without any mapping.
 */

/** A JSON value as it appears in tool schemas and parsed tool arguments. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** One call the assistant makes; `arguments` is the JSON text the model emitted, kept verbatim. */
export interface ToolCall {
  readonly id: string;
  readonly type: "function";
  readonly function: { readonly name: string; readonly arguments: string };
}

export interface SystemMessage {
  readonly role: "system";
  readonly content: string;
}

export interface UserMessage {
  readonly role: "user";
  readonly content: string;
}

export interface AssistantMessage {
  readonly role: "assistant";
  readonly content: string;
  /** Qwen3 thinking text; the renderer decides whether it is shown for earlier turns. */
  readonly reasoning_content?: string;
  readonly tool_calls?: readonly ToolCall[];
}

export interface ToolMessage {
  readonly role: "tool";
  readonly tool_call_id: string;
  /** The tool's answer, serialised canonically by the tool set that produced it. */
  readonly content: string;
}

export type ChatMessage =
  SystemMessage | UserMessage | AssistantMessage | ToolMessage;

export type ChatRole = ChatMessage["role"];

/** One entry of the OpenAI `tools` array. */
export interface ToolDefinition {
  readonly type: "function";
  readonly function: {
    readonly name: string;
    readonly description: string;
    /** A JSON schema object (`{"type":"object", …}`). */
    readonly parameters: { readonly [key: string]: JsonValue };
  };
}

/** What a training row holds and what the serving side sends: messages plus the tools offered. */
export interface Conversation {
  readonly messages: readonly ChatMessage[];
  readonly tools: readonly ToolDefinition[];
}
