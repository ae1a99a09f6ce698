import { loadWorkflow, readDocument, type Catalog } from "@flowpy/transpiler";
import type { ChatMessage, ToolCall } from "../conversation/chat-message.js";
import { createToolbox, type ToolAnswer } from "../tools/toolbox.js";
import type { ToolKey } from "../tools/tool-set-definition.js";
import { configuredTasks, searchedTasks } from "../tools/tool-answers.js";
import { canonicalWorkflowText } from "./same-workflow.js";
import { systemPrompt } from "./system-prompt.js";
import type { Trajectory, TrajectoryEnvironment } from "./trajectory.js";

/** The rules a trajectory must keep; each broken one is reported as its own issue. */
export const trajectoryRules = [
  /** The tool set the row was built with is the one the environment serves. */
  "tool-set",
  /** system, user first; the last message is an assistant answer without calls. */
  "structure",
  /** Call ids unique; every call answered once, right after its assistant turn. */
  "tool-call-ids",
  /** Every call names a tool of the set. */
  "unknown-tool",
  /** Every tool message equals what the tool returns for the call's arguments. */
  "tool-response",
  /** Every task the submitted workflow uses appeared in a search result before it was configured. */
  "task-not-searched",
  /** Every task the submitted workflow uses was configured before the final submission. */
  "task-not-configured",
  /** Every configured task is used by the submitted workflow. */
  "configured-task-unused",
  /** Workflow variants end with a submission that compiles with no diagnostics; questions submit nothing. */
  "submission",
  /** The final submission is the target workflow (canonically equal). */
  "submission-differs",
  /** An edit's current workflow is quoted in the request and compiles. */
  "edit-context",
] as const;

export type TrajectoryRule = (typeof trajectoryRules)[number];

export interface TrajectoryIssue {
  readonly rule: TrajectoryRule;
  readonly message: string;
  /** Index into `conversation.messages`, when one message is at fault. */
  readonly messageIndex?: number;
}

interface CallRecord {
  readonly call: ToolCall;
  readonly key: ToolKey | undefined;
  /** The assistant message holding the call. */
  readonly at: number;
  readonly answer: ToolAnswer;
  readonly content: string | undefined;
}

type TaskRef = string;

/** Checks a trajectory against the environment by re-running every tool call. */
export function verifyTrajectory(
  trajectory: Trajectory,
  env: TrajectoryEnvironment,
): readonly TrajectoryIssue[] {
  const issues: TrajectoryIssue[] = [];
  const report = (
    rule: TrajectoryRule,
    message: string,
    messageIndex?: number,
  ): void => {
    issues.push({
      rule,
      message,
      ...(messageIndex === undefined ? {} : { messageIndex }),
    });
  };
  const toolbox = createToolbox({
    toolSet: env.toolSet,
    catalog: env.catalog,
    shop: trajectory.shop,
    compiler: env.compiler,
    ...(env.indexes === undefined ? {} : { indexes: env.indexes }),
  });
  const { messages, tools } = trajectory.conversation;

  if (trajectory.toolSetHash !== env.toolSet.hash)
    report(
      "tool-set",
      `built with tool set ${trajectory.toolSetHash}, environment serves ${env.toolSet.hash}`,
    );
  if (JSON.stringify(tools) !== JSON.stringify(toolbox.tools))
    report("tool-set", "the tools array differs from the tool set's");

  checkStructure(messages, env, report);
  const calls = collectCalls(messages, toolbox, report);

  for (const c of calls) {
    if (c.key === undefined) {
      report("unknown-tool", `no tool is called ${c.call.function.name}`, c.at);
      continue;
    }
    if (c.content !== undefined && c.content !== c.answer.content)
      report(
        "tool-response",
        `the answer to ${c.call.id} is not what ${c.call.function.name} returns for its arguments`,
        c.at,
      );
  }

  const submissions = calls.filter((c) => c.key === "submit_workflow");
  if (trajectory.target === undefined) {
    if (submissions.length > 0)
      report(
        "submission",
        "a question trajectory submits a workflow",
        submissions[0]?.at,
      );
  }

  const finalSubmission = submissions.at(-1);
  const used = new Map<TaskRef, string>();
  // Unknown when the final submission does not compile: usage cannot be judged then.
  let usageKnown = trajectory.target === undefined;
  if (trajectory.target !== undefined) {
    if (finalSubmission === undefined)
      report("submission", "the workflow is never submitted");
    else {
      const python = pythonOf(finalSubmission);
      const compiled =
        python === undefined ? undefined : env.compiler.compile(python);
      if (
        compiled === undefined ||
        !compiled.ok ||
        compiled.diagnostics.length > 0 ||
        compiled.workflow === undefined
      )
        report(
          "submission",
          `the final submission does not compile cleanly (${compiled?.diagnostics.map((d) => d.code).join(", ") ?? "no python"})`,
          finalSubmission.at,
        );
      else {
        usageKnown = true;
        for (const ref of tasksOf(compiled.workflow, env.catalog))
          used.set(ref, ref);
        const target = canonicalWorkflowText(trajectory.target);
        if (
          target === undefined ||
          target !== canonicalWorkflowText(compiled.workflow)
        )
          report(
            "submission-differs",
            "the final submission is not the target workflow",
            finalSubmission.at,
          );
      }
    }
  }

  // Tasks of an edit's current workflow are known from the request itself.
  const context = new Set<TaskRef>();
  if (trajectory.currentPython !== undefined) {
    const userText = messages.find((m) => m.role === "user")?.content ?? "";
    const compiled = env.compiler.compile(trajectory.currentPython);
    if (!userText.includes(trajectory.currentPython))
      report(
        "edit-context",
        "the current workflow is not quoted in the request",
      );
    if (!compiled.ok || compiled.workflow === undefined)
      report("edit-context", "the current workflow does not compile");
    else
      for (const ref of tasksOf(compiled.workflow, env.catalog))
        context.add(ref);
  }

  // First message index at which each task appears in a search result / is configured.
  const searchedAt = new Map<TaskRef, number>();
  const configuredAt = new Map<TaskRef, number>();
  for (const c of calls) {
    if (c.answer.kind !== "answered" || c.content !== c.answer.content)
      continue;
    if (c.key === "task_search")
      for (const t of searchedTasks(c.answer.value)) {
        const ref = refOf(t.id, t.version, env.catalog);
        if (!searchedAt.has(ref)) searchedAt.set(ref, c.at);
      }
    if (c.key === "task_configuration")
      for (const t of configuredTasks(c.answer.value)) {
        const ref = refOf(t.id, t.version, env.catalog);
        if (!configuredAt.has(ref)) configuredAt.set(ref, c.at);
      }
  }

  const submittedAt = finalSubmission?.at ?? Number.POSITIVE_INFINITY;
  for (const ref of used.keys()) {
    if (context.has(ref)) continue;
    const configured = configuredAt.get(ref);
    const searched = searchedAt.get(ref);
    if (configured === undefined || configured >= submittedAt)
      report(
        "task-not-configured",
        `${ref} is used but not configured before the submission`,
      );
    if (
      searched === undefined ||
      (configured !== undefined && searched >= configured)
    )
      report(
        "task-not-searched",
        `${ref} is used but no earlier search result lists it`,
      );
  }
  if (usageKnown)
    for (const ref of configuredAt.keys())
      if (!used.has(ref))
        report(
          "configured-task-unused",
          `${ref} is configured but the submitted workflow does not use it`,
          configuredAt.get(ref),
        );
  return issues;
}

function checkStructure(
  messages: readonly ChatMessage[],
  env: TrajectoryEnvironment,
  report: (rule: TrajectoryRule, message: string, at?: number) => void,
): void {
  const first = messages[0];
  if (
    first?.role !== "system" ||
    first.content !== systemPrompt(env.toolSet).text
  )
    report(
      "structure",
      "the first message is not the tool set's system prompt",
      0,
    );
  if (messages[1]?.role !== "user")
    report("structure", "the second message is not the user's request", 1);
  const last = messages.at(-1);
  if (
    last?.role !== "assistant" ||
    (last.tool_calls?.length ?? 0) > 0 ||
    last.content.trim() === ""
  )
    report(
      "structure",
      "the conversation does not end with an assistant answer",
      messages.length - 1,
    );
}

/** Pairs every call with its tool message and re-runs it; id problems are reported on the way. */
function collectCalls(
  messages: readonly ChatMessage[],
  toolbox: ReturnType<typeof createToolbox>,
  report: (rule: TrajectoryRule, message: string, at?: number) => void,
): readonly CallRecord[] {
  const records: CallRecord[] = [];
  const ids = new Set<string>();
  let open:
    | { readonly at: number; readonly pending: Map<string, ToolCall> }
    | undefined;
  const close = (): void => {
    if (open !== undefined)
      for (const id of open.pending.keys())
        report("tool-call-ids", `call ${id} is never answered`, open.at);
    open = undefined;
  };
  messages.forEach((m, i) => {
    if (m.role === "tool") {
      const call = open?.pending.get(m.tool_call_id);
      if (open === undefined || call === undefined) {
        report(
          "tool-call-ids",
          `tool message answers ${m.tool_call_id}, which no open call has`,
          i,
        );
        return;
      }
      open.pending.delete(m.tool_call_id);
      const record = records.find((r) => r.call === call);
      if (record !== undefined)
        records[records.indexOf(record)] = { ...record, content: m.content };
      return;
    }
    close();
    if (m.role !== "assistant" || m.tool_calls === undefined) return;
    open = { at: i, pending: new Map() };
    for (const call of m.tool_calls) {
      if (ids.has(call.id))
        report("tool-call-ids", `call id ${call.id} is used twice`, i);
      ids.add(call.id);
      open.pending.set(call.id, call);
      records.push({
        call,
        key: toolbox.keyOf(call.function.name),
        at: i,
        answer: toolbox.call(call.function.name, call.function.arguments),
        content: undefined,
      });
    }
  });
  close();
  return records;
}

function pythonOf(record: CallRecord): string | undefined {
  try {
    const args: unknown = JSON.parse(record.call.function.arguments);
    return typeof args === "object" &&
      args !== null &&
      "python" in args &&
      typeof args.python === "string"
      ? args.python
      : undefined;
  } catch {
    return undefined;
  }
}

/** Tasks are compared by catalog identity, so an alternate id counts as its task. */
function refOf(id: string, version: string, catalog: Catalog): TaskRef {
  const task = catalog.task(id, version);
  return `${task?.id ?? id}@${task?.version ?? version}`;
}

function tasksOf(json: string, catalog: Catalog): readonly TaskRef[] {
  const read = readDocument(json);
  if (!read.ok) return [];
  const loaded = loadWorkflow(read.value.node);
  if (!loaded.ok) return [];
  return [
    ...new Set(
      loaded.value.workflow.steps.map((s) =>
        refOf(s.taskId, s.taskVersion, catalog),
      ),
    ),
  ];
}
