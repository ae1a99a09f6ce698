import type { Diagnostic } from "@flowpy/transpiler";
import type {
  AssistantMessage,
  ToolCall,
} from "../conversation/chat-message.js";
import { sdkCodes } from "../sdk-codes.js";
import type { ChatCompletionChoice, TokenUsage } from "./chat-completion.js";

/** What an answer body holds, or why it is not a chat completion. */
export type ParsedAnswer =
  | {
      readonly kind: "answer";
      readonly choices: readonly ChatCompletionChoice[];
      readonly servedModel: string | undefined;
      /** Undefined when the answer has no usable `usage`. */
      readonly usage: TokenUsage | undefined;
      /** Warnings: tool-call arguments that are not JSON (kept verbatim as text). */
      readonly warnings: readonly Diagnostic[];
    }
  | { readonly kind: "malformed"; readonly detail: string };

type Json = Readonly<Record<string, unknown>>;

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function tokenCount(v: unknown): number | undefined {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0
    ? v
    : undefined;
}

/**
 * Reads a chat-completions answer (already JSON-parsed). Anything without
 * `choices[0].message` is malformed; a tool call whose `arguments` text is not JSON is the
 * model's own mistake, so it is kept as written and reported, not treated as malformed.
 */
export function parseChatAnswer(value: unknown): ParsedAnswer {
  if (!isObject(value))
    return { kind: "malformed", detail: "the answer is not a JSON object" };
  const choicesValue = value["choices"];
  if (!Array.isArray(choicesValue) || choicesValue.length === 0)
    return { kind: "malformed", detail: "the answer has no choices" };
  const warnings: Diagnostic[] = [];
  const choices: ChatCompletionChoice[] = [];
  for (const [i, choice] of (choicesValue as readonly unknown[]).entries()) {
    const read = readChoice(choice, i, warnings);
    if (typeof read === "string")
      return { kind: "malformed", detail: `choices[${i}]: ${read}` };
    choices.push(read);
  }
  const usage = isObject(value["usage"]) ? value["usage"] : undefined;
  const input = tokenCount(usage?.["prompt_tokens"]);
  const output = tokenCount(usage?.["completion_tokens"]);
  const model = value["model"];
  return {
    kind: "answer",
    choices,
    servedModel: typeof model === "string" ? model : undefined,
    usage:
      input === undefined || output === undefined
        ? undefined
        : { inputTokens: input, outputTokens: output },
    warnings,
  };
}

function readChoice(
  choice: unknown,
  position: number,
  warnings: Diagnostic[],
): ChatCompletionChoice | string {
  if (!isObject(choice)) return "not an object";
  const message = choice["message"];
  if (!isObject(message)) return "no message";
  const content = message["content"];
  if (content !== null && content !== undefined && typeof content !== "string")
    return "content is neither text nor null";
  // vLLM's reasoning parsers name the thinking `reasoning_content` (older) or `reasoning`.
  const reasoning = message["reasoning_content"] ?? message["reasoning"];
  const calls = message["tool_calls"];
  const toolCalls: ToolCall[] = [];
  if (calls !== undefined && calls !== null) {
    if (!Array.isArray(calls)) return "tool_calls is not a list";
    for (const [j, call] of (calls as readonly unknown[]).entries()) {
      const fn = isObject(call) ? call["function"] : undefined;
      const id = isObject(call) ? call["id"] : undefined;
      if (
        !isObject(fn) ||
        typeof fn["name"] !== "string" ||
        typeof fn["arguments"] !== "string"
      )
        return `tool_calls[${j}] has no function name and arguments text`;
      const args = fn["arguments"];
      if (!isJsonText(args))
        warnings.push({
          code: sdkCodes.llmToolArgumentsInvalid,
          severity: "warning",
          message: `the arguments of tool call ${j} (${fn["name"]}) are not JSON; kept as text`,
          path: ["choices", position, "message", "tool_calls", j, "function"],
        });
      toolCalls.push({
        id: typeof id === "string" ? id : `call_${position}_${j}`,
        type: "function",
        function: { name: fn["name"], arguments: args },
      });
    }
  }
  const out: AssistantMessage = {
    role: "assistant",
    content: typeof content === "string" ? content : "",
    ...(typeof reasoning === "string" ? { reasoning_content: reasoning } : {}),
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
  };
  const finish = choice["finish_reason"];
  const index = choice["index"];
  return {
    index: typeof index === "number" ? index : position,
    message: out,
    finish_reason: typeof finish === "string" ? finish : null,
  };
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
