import type { Result } from "@flowpy/transpiler";
import { z } from "zod";
import type { ChatMessage } from "../../conversation/chat-message.js";
import { sdkCodes } from "../../sdk-codes.js";
import { readJsonl } from "../calibration/read-calibration-jsonl.js";
import type { JudgeInput } from "./judge-score.js";

const message = z.discriminatedUnion("role", [
  z.strictObject({ role: z.literal("system"), content: z.string() }),
  z.strictObject({ role: z.literal("user"), content: z.string() }),
  z.strictObject({
    role: z.literal("assistant"),
    content: z.string().nullable(),
    reasoning_content: z.string().optional(),
    tool_calls: z
      .array(
        z.strictObject({
          id: z.string(),
          type: z.literal("function"),
          function: z.strictObject({
            name: z.string(),
            arguments: z.string(),
          }),
        }),
      )
      .optional(),
  }),
  z.strictObject({
    role: z.literal("tool"),
    tool_call_id: z.string(),
    content: z.string(),
  }),
]);

/**
 * One example to judge, a line of a conversations JSONL file:
 *
 * ```json
 * {"example_id":"conv-0042","conversation":[{"role":"user","content":"…"},{"role":"assistant","content":"…"}],"final_workflow":"{…Flow JSON…}","reference":{"workflow":"{…}","should_decline":false}}
 * ```
 *
 * Unknown keys are rejected so that a misspelt field is reported instead of ignored.
 */
export const judgeInputLineSchema = z.strictObject({
  example_id: z.string().min(1),
  conversation: z.array(message).min(1),
  final_workflow: z.string().optional(),
  reference: z
    .strictObject({
      workflow: z.string().optional(),
      should_decline: z.boolean().optional(),
    })
    .optional(),
});

/**
 * Examples to judge, one per line (see `judgeInputLineSchema`). Blank lines are skipped;
 * any other bad line is reported with its line number, and repeated example ids by id; either
 * fails the read: a judged file that silently lost examples would mislead calibration.
 */
export function readJudgeInputsJsonl(text: string): Result<JudgeInput[]> {
  const lines = readJsonl(
    text,
    judgeInputLineSchema,
    "an example to judge",
    sdkCodes.judgeInvalidLine,
  );
  if (!lines.ok) return lines;
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const d of lines.value)
    if (seen.has(d.example_id)) repeated.add(d.example_id);
    else seen.add(d.example_id);
  if (repeated.size > 0)
    return {
      ok: false,
      diagnostics: [
        {
          code: sdkCodes.judgeInvalidLine,
          severity: "error",
          message: `example ids are repeated: ${[...repeated]
            .slice(0, 5)
            .map((id) => JSON.stringify(id))
            .join(", ")}${repeated.size > 5 ? ", …" : ""}`,
        },
      ],
    };
  return {
    ok: true,
    value: lines.value.map((d) => inputOf(d)),
    diagnostics: [],
  };
}

function inputOf(d: z.infer<typeof judgeInputLineSchema>): JudgeInput {
  const reference = d.reference;
  return {
    exampleId: d.example_id,
    conversation: d.conversation.map((m): ChatMessage =>
      m.role === "assistant"
        ? {
            role: "assistant",
            content: m.content ?? "",
            ...(m.reasoning_content === undefined
              ? {}
              : { reasoning_content: m.reasoning_content }),
            ...(m.tool_calls === undefined ? {} : { tool_calls: m.tool_calls }),
          }
        : m,
    ),
    ...(d.final_workflow === undefined
      ? {}
      : { finalWorkflow: d.final_workflow }),
    ...(reference === undefined
      ? {}
      : {
          reference: {
            ...(reference.workflow === undefined
              ? {}
              : { workflow: reference.workflow }),
            ...(reference.should_decline === undefined
              ? {}
              : { shouldDecline: reference.should_decline }),
          },
        }),
  };
}
