import type { Diagnostic, Result } from "@flowpy/transpiler";
import type {
  AssistantMessage,
  ChatMessage,
} from "../../conversation/chat-message.js";
import type { ChatClient } from "../../llm/chat-client.js";
import type { ChatCompletionRequestBody } from "../../llm/chat-completion.js";
import type { Toolbox } from "../../tools/toolbox.js";

/** Sampling settings sent with every request of the loop (the served model's defaults otherwise). */
export type SamplingSettings = Omit<
  ChatCompletionRequestBody,
  "messages" | "tools" | "tool_choice" | "model" | "n"
>;

export interface AgentLoopInput {
  readonly client: ChatClient;
  readonly toolbox: Toolbox;
  readonly systemPrompt: string;
  /** The merchant's messages; each is sent once the agent has answered the one before. */
  readonly userMessages: readonly string[];
  /** Most assistant turns (model answers) in the whole conversation. */
  readonly turnLimit: number;
  readonly sampling?: SamplingSettings;
  readonly signal?: AbortSignal;
}

/** One tool call as the model wrote it, and how the toolbox answered it. */
export interface ToolCallRecord {
  readonly name: string;
  readonly arguments: string;
  /** `answered`, or `rejected` for an unknown tool or arguments off its schema (malformed JSON too). */
  readonly outcome: "answered" | "rejected";
  readonly answer: string;
}

/** One model answer: what it cost and what its tool calls got back. */
export interface AgentTurn {
  readonly content: string;
  readonly toolCalls: readonly ToolCallRecord[];
  readonly latencyMs: number;
  readonly attempts: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

export interface AgentRun {
  readonly messages: readonly ChatMessage[];
  readonly turns: readonly AgentTurn[];
  /** Python of every submit call the toolbox accepted, in order (valid or not). */
  readonly submissions: readonly string[];
  /** `answered`: the model ended with a message without tool calls; `turn-limit`: it was still calling tools. */
  readonly stop: "answered" | "turn-limit";
  readonly latencyMs: number;
}

/**
 * The production agent loop: system prompt, the tools, the merchant's message → the model;
 * every tool call it makes is answered by the toolbox exactly as the serving agent answers it
 * (malformed calls get the toolbox's rejection), until the model answers without a tool
 * call or the turn limit is reached. A failed request fails the loop (the client has already
 * retried it).
 */
export async function runAgentLoop(
  input: AgentLoopInput,
): Promise<Result<AgentRun>> {
  const started = performance.now();
  const { toolbox } = input;
  const messages: ChatMessage[] = [
    { role: "system", content: input.systemPrompt },
  ];
  const turns: AgentTurn[] = [];
  const submissions: string[] = [];
  const warnings: Diagnostic[] = [];
  let stop: AgentRun["stop"] = "answered";
  conversation: for (const user of input.userMessages) {
    messages.push({ role: "user", content: user });
    for (;;) {
      if (turns.length >= input.turnLimit) {
        stop = "turn-limit";
        break conversation;
      }
      const answer = await input.client.complete(
        {
          ...input.sampling,
          messages,
          tools: toolbox.tools,
          tool_choice: "auto",
        },
        input.signal === undefined ? undefined : { signal: input.signal },
      );
      if (!answer.ok)
        return { ok: false, diagnostics: [...warnings, ...answer.diagnostics] };
      warnings.push(...answer.diagnostics);
      const reply = answer.value.message;
      const message: AssistantMessage = {
        role: "assistant",
        content: reply.content,
        ...(reply.tool_calls === undefined || reply.tool_calls.length === 0
          ? {}
          : { tool_calls: reply.tool_calls }),
      };
      messages.push(message);
      const calls: ToolCallRecord[] = [];
      for (const call of message.tool_calls ?? []) {
        const { name } = call.function;
        const answered = toolbox.call(name, call.function.arguments);
        messages.push({
          role: "tool",
          tool_call_id: call.id,
          content: answered.content,
        });
        calls.push({
          name,
          arguments: call.function.arguments,
          outcome: answered.kind,
          answer: answered.content,
        });
        if (answered.kind === "answered" && answered.key === "submit_workflow")
          submissions.push(submittedPython(call.function.arguments));
      }
      turns.push({
        content: message.content,
        toolCalls: calls,
        latencyMs: answer.value.latencyMs,
        attempts: answer.value.attempts,
        inputTokens: answer.value.usage.inputTokens,
        outputTokens: answer.value.usage.outputTokens,
        costUsd: answer.value.costUsd,
      });
      if (calls.length === 0) break;
    }
  }
  return {
    ok: true,
    value: {
      messages,
      turns,
      submissions,
      stop,
      latencyMs: Math.round(performance.now() - started),
    },
    diagnostics: warnings,
  };
}

/** The toolbox has accepted the arguments, so they are a JSON object with a string `python`. */
function submittedPython(argumentsText: string): string {
  const args = JSON.parse(argumentsText) as { readonly python: string };
  return args.python;
}
