import type { Catalog } from "@flowpy/transpiler";
import type { ChatMessage } from "../../conversation/chat-message.js";
import type { Redactor } from "../../redact/create-redactor.js";
import { promptWorkflow } from "../../requests/prompt-workflow.js";

/** What a judge prompt shows of an example, already redacted. */
export interface JudgeView {
  readonly conversation: string;
  readonly workflow: string;
  readonly reference: string;
  readonly tasks: string;
}

/** A message longer than this is shown cut, with the count of what was left out. */
const MAX_MESSAGE_CHARS = 4000;

interface ShownWorkflow {
  readonly text: string;
  readonly tasks: readonly string[];
}

/**
 * The redacted view of a conversation and its workflows. A workflow that does not load is
 * still shown (as redacted text, marked as not loading) so the judge can fail it on its
 * merits instead of the example being dropped.
 */
export function judgeView(
  input: {
    readonly conversation: readonly ChatMessage[];
    readonly finalWorkflow?: string;
    readonly reference?: {
      readonly workflow?: string;
      readonly shouldDecline?: boolean;
    };
  },
  redactor: Redactor,
  catalog: Catalog,
): JudgeView {
  const final =
    input.finalWorkflow === undefined
      ? undefined
      : showWorkflow(input.finalWorkflow, redactor, catalog);
  const ref =
    input.reference?.workflow === undefined
      ? undefined
      : showWorkflow(input.reference.workflow, redactor, catalog);
  const referenceLines: string[] = [];
  if (input.reference?.shouldDecline === true)
    referenceLines.push(
      "The assistant should decline to build a workflow (a question, or something Flow cannot do).",
    );
  if (input.reference?.shouldDecline === false)
    referenceLines.push("The assistant should build a workflow.");
  if (ref !== undefined) referenceLines.push(ref.text);
  const tasks = [...(final?.tasks ?? [])];
  for (const line of ref?.tasks ?? [])
    if (!tasks.includes(line)) tasks.push(line);
  return {
    conversation: showConversation(input.conversation, redactor),
    workflow: final?.text ?? "(no workflow)",
    reference:
      referenceLines.length === 0 ? "(none given)" : referenceLines.join("\n"),
    tasks:
      tasks.length === 0 ? "(none)" : tasks.map((t) => `- ${t}`).join("\n"),
  };
}

export function showConversation(
  messages: readonly ChatMessage[],
  redactor: Redactor,
): string {
  const shown = (text: string): string => cut(redactor.text(text).text);
  return messages
    .map((m) => {
      switch (m.role) {
        case "system":
          return `[system] ${shown(m.content)}`;
        case "user":
          return `[merchant] ${shown(m.content)}`;
        case "tool":
          return `[tool result] ${shown(m.content)}`;
        case "assistant": {
          const calls = (m.tool_calls ?? []).map(
            (c) =>
              `[assistant calls ${c.function.name}] ${shown(c.function.arguments)}`,
          );
          return [
            ...(m.content === "" ? [] : [`[assistant] ${shown(m.content)}`]),
            ...calls,
          ].join("\n");
        }
      }
    })
    .filter((line) => line !== "")
    .join("\n\n");
}

function showWorkflow(
  json: string,
  redactor: Redactor,
  catalog: Catalog,
): ShownWorkflow {
  const redacted = redactor.workflow(json);
  const printed = redacted.ok
    ? promptWorkflow(redacted.value.json, catalog)
    : undefined;
  if (printed?.ok === true)
    return {
      text: ["```python", printed.value.python.trimEnd(), "```"].join("\n"),
      tasks: printed.value.tasks,
    };
  const why = (
    redacted.ok ? (printed?.diagnostics ?? []) : redacted.diagnostics
  )
    .filter((d) => d.severity === "error")
    .slice(0, 3)
    // promptWorkflow words its rejection for request writers; the causes are what matter here.
    .map((d) =>
      d.message.replace(/^no request can be written for this workflow: /, ""),
    )
    .join("; ");
  return {
    text: [
      `(this workflow does not load${why === "" ? "" : `: ${cut(redactor.text(why).text)}`}; its JSON as written:)`,
      cut(redactor.text(json).text),
    ].join("\n"),
    tasks: [],
  };
}

function cut(text: string): string {
  return text.length <= MAX_MESSAGE_CHARS
    ? text
    : `${text.slice(0, MAX_MESSAGE_CHARS)} (… ${text.length - MAX_MESSAGE_CHARS} more characters not shown)`;
}
