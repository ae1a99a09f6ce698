import type { Result } from "@flowpy/transpiler";
import type { ChatMessage } from "../../conversation/chat-message.js";
import type { ChatClient } from "../../llm/chat-client.js";
import type { ChatCompletionRequestBody } from "../../llm/chat-completion.js";
import { sdkCodes } from "../../sdk-codes.js";
import type { ReadAnswer } from "./judge-answer.js";

export interface JudgeAsk<T> {
  readonly messages: readonly ChatMessage[];
  readonly sampling: Omit<ChatCompletionRequestBody, "messages">;
  readonly read: (content: string) => ReadAnswer<T>;
  /** The follow-up user message after an unusable answer. */
  readonly repair: (problems: readonly string[]) => string;
  readonly maxRepairs: number;
  /** Names the example and the request in the final diagnostic. */
  readonly what: string;
}

/**
 * One judge answer, checked: an unusable answer is sent back with its problems up to
 * `maxRepairs` times, then reported (`judge-answer-invalid`). Each round is a distinct
 * request body, so a re-run replays every round from the client's cache.
 */
export async function askJudge<T>(
  client: ChatClient,
  ask: JudgeAsk<T>,
): Promise<Result<T>> {
  let messages = ask.messages;
  for (let round = 0; ; round++) {
    const answer = await client.complete({ ...ask.sampling, messages });
    if (!answer.ok)
      return {
        ok: false,
        diagnostics: [
          ...answer.diagnostics.filter((d) => d.severity !== "error"),
          {
            code: sdkCodes.judgeRequestFailed,
            severity: "error",
            message: `${ask.what}: the judge ${ask.sampling.model ?? client.model} could not be asked: ${answer.diagnostics
              .filter((d) => d.severity === "error")
              .map((d) => `${d.code}: ${d.message}`)
              .join("; ")}`,
          },
        ],
      };
    const content = answer.value.message.content;
    const read = ask.read(content);
    if (read.ok)
      return { ok: true, value: read.value, diagnostics: answer.diagnostics };
    if (round >= ask.maxRepairs)
      return {
        ok: false,
        diagnostics: [
          ...answer.diagnostics,
          {
            code: sdkCodes.judgeAnswerInvalid,
            severity: "error",
            message: `${ask.what}: ${answer.value.model} gave no usable verdict in ${round + 1} answer${round === 0 ? "" : "s"}; the last one: ${read.problems.join("; ")}`,
          },
        ],
      };
    messages = [
      ...messages,
      { role: "assistant", content },
      { role: "user", content: ask.repair(read.problems) },
    ];
  }
}
