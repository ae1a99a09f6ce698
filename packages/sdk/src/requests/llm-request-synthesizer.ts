import { bundledCatalog, type Catalog, type Result } from "@flowpy/transpiler";
import type { ChatMessage } from "../conversation/chat-message.js";
import type { ChatClient } from "../llm/chat-client.js";
import type { ChatCompletionRequestBody } from "../llm/chat-completion.js";
import { costOf } from "../llm/usage-ledger.js";
import { qwen3Tokenizer } from "../render/qwen3-tokenizer.js";
import { sdkCodes } from "../sdk-codes.js";
import { checkRequests, readRequestAnswer } from "./check-requests.js";
import { promptWorkflow } from "./prompt-workflow.js";
import {
  defaultRequestPromptVersion,
  renderRepairPrompt,
  renderRequestPrompt,
  requestPromptTemplate,
  requestPromptTemplates,
} from "./request-prompt.js";
import type { RequestStyle } from "./request-style.js";
import { invalidInput, synthesisInputProblems } from "./synthesis-input.js";
import type {
  RequestSynthesizer,
  SynthesisEstimate,
  SynthesizedRequest,
} from "./synthesized-request.js";

export interface LlmRequestSynthesizerOptions {
  /** A released template version (`request-synthesis/v1`, …); the newest by default. */
  readonly promptVersion?: string;
  /** Labels the prompt shows for the workflow's tasks; the bundled catalog by default. */
  readonly catalog?: Catalog;
  /** How many times an unusable answer is sent back with its problems (2 by default). */
  readonly maxRepairs?: number;
  /** Sampling settings of every request (temperature 0.9 and a JSON answer by default). */
  readonly sampling?: Omit<
    ChatCompletionRequestBody,
    "model" | "messages" | "tools" | "tool_choice" | "n" | "seed"
  >;
  /** Counts tokens for `estimate`; the Qwen3 tokenizer by default (other models' counts differ a little). */
  readonly countTokens?: (text: string) => number;
}

/**
 * Output tokens a request of each style takes, with its JSON framing: an estimate for
 * `--dry-run` only, from the style's typical length (about 4 characters a token).
 */
const expectedOutputTokens = {
  terse: 30,
  detailed: 170,
  non_native: 100,
  vague: 50,
} as const satisfies Record<RequestStyle, number>;

/** Chat-template tokens around each message (`<|im_start|>role\n…<|im_end|>\n`) and the answer's opening. */
const MESSAGE_FRAMING_TOKENS = 5;
const ANSWER_FRAMING_TOKENS = 8;

/**
 * Requests written by a stronger LLM through `client`: the workflow's Python and task labels
 * go into a versioned prompt, the JSON answer is checked (styles, plain text, lengths,
 * distinct), and an unusable answer is sent back with its problems a bounded number of
 * times. Each round is a distinct request body, so a re-run replays every round from the
 * client's cache.
 */
export function llmRequestSynthesizer(
  client: ChatClient,
  options: LlmRequestSynthesizerOptions = {},
): RequestSynthesizer {
  const version = options.promptVersion ?? defaultRequestPromptVersion;
  const template = requestPromptTemplate(version);
  const catalog = options.catalog ?? bundledCatalog();
  const maxRepairs = options.maxRepairs ?? 2;
  const sampling = options.sampling ?? {
    temperature: 0.9,
    response_format: { type: "json_object" },
  };
  const countTokens =
    options.countTokens ??
    ((text: string) => qwen3Tokenizer().encode(text).length);

  return {
    id: `llm:${client.model}`,
    async write(input): Promise<Result<readonly SynthesizedRequest[]>> {
      if (template === undefined)
        return invalidInput([unknownVersion(version)]);
      const problems = synthesisInputProblems(input);
      if (problems.length > 0) return invalidInput(problems);
      const workflow = promptWorkflow(input.workflowJson, catalog);
      if (!workflow.ok) return workflow;

      let messages: readonly ChatMessage[] = renderRequestPrompt(
        template,
        workflow.value,
        input.styles,
      );
      let allCached = true;
      let inputTokens = 0;
      let outputTokens = 0;
      for (let round = 0; ; round++) {
        const answer = await client.complete({
          ...sampling,
          messages,
          seed: input.seed,
        });
        if (!answer.ok) return answer;
        allCached &&= answer.value.cached;
        inputTokens += answer.value.usage.inputTokens;
        outputTokens += answer.value.usage.outputTokens;
        const content = answer.value.message.content;
        const read = readRequestAnswer(content);
        const checked =
          "problem" in read
            ? { ok: false as const, problems: [read.problem] }
            : checkRequests(read.requests, input.styles);
        if (checked.ok)
          return {
            ok: true,
            value: checked.requests.map((r, i) => ({
              style: r.style,
              text: r.text,
              writer: answer.value.model,
              promptVersion: template.version,
              promptSha256: template.sha256,
              cached: allCached,
              ...(i === 0 ? { usage: { inputTokens, outputTokens } } : {}),
            })),
            diagnostics: answer.diagnostics,
          };
        if (round >= maxRepairs)
          return {
            ok: false,
            diagnostics: [
              ...answer.diagnostics,
              {
                code: sdkCodes.requestAnswerInvalid,
                severity: "error",
                message: `${answer.value.model} gave no usable requests in ${round + 1} answer${round === 0 ? "" : "s"}; the last one: ${checked.problems.join("; ")}`,
              },
            ],
          };
        messages = [
          ...messages,
          { role: "assistant", content },
          renderRepairPrompt(template, checked.problems, input.styles),
        ];
      }
    },
    estimate(input): SynthesisEstimate {
      const workflow =
        template === undefined
          ? undefined
          : promptWorkflow(input.workflowJson, catalog);
      if (
        template === undefined ||
        workflow === undefined ||
        !workflow.ok ||
        synthesisInputProblems(input).length > 0
      )
        return { inputTokens: 0, outputTokens: 0, costUsd: 0 };
      const messages = renderRequestPrompt(
        template,
        workflow.value,
        input.styles,
      );
      const inputTokens = messages.reduce(
        (n, m) => n + countTokens(m.content) + MESSAGE_FRAMING_TOKENS,
        ANSWER_FRAMING_TOKENS,
      );
      const outputTokens = input.styles.reduce(
        (n, s) => n + expectedOutputTokens[s],
        ANSWER_FRAMING_TOKENS,
      );
      return {
        inputTokens,
        outputTokens,
        costUsd: costOf({ inputTokens, outputTokens }, client.pricing),
      };
    },
  };
}

function unknownVersion(version: string): string {
  return `unknown prompt version ${JSON.stringify(version)} (known: ${requestPromptTemplates
    .map((t) => t.version)
    .join(", ")})`;
}
