import {
  InternalError,
  flowToPython,
  type CatalogTask,
  type Diagnostic,
  type Result,
} from "@flowpy/transpiler";
import type {
  AssistantMessage,
  ChatMessage,
  JsonValue,
} from "../conversation/chat-message.js";
import type { EnvironmentPathIndex } from "../tools/environment-paths.js";
import { indexesFor } from "../tools/tool-indexes.js";
import { isPlainObject } from "../tools/json-schema.js";
import { sdkCodes } from "../sdk-codes.js";
import { isInstalled, type ShopContext } from "../tools/task-search.js";
import type { ToolKey } from "../tools/tool-set-definition.js";
import type { SummaryDesignQuery } from "../tools/summary-design.js";
import { searchedTasks } from "../tools/tool-answers.js";
import { createToolbox, type Toolbox } from "../tools/toolbox.js";
import { pathWords } from "./describe-condition.js";
import { finalMessage } from "./final-message.js";
import { flowFaq } from "./flow-questions.js";
import { queryCandidates } from "./search-queries.js";
import { seededIndex, seededPick } from "./seeded-choice.js";
import {
  submissionMistake,
  type SubmissionMistakeKind,
} from "./submission-mistake.js";
import { systemPrompt } from "./system-prompt.js";
import type {
  Trajectory,
  TrajectoryEnvironment,
  TrajectoryVariant,
} from "./trajectory.js";
import { sameWorkflow } from "./same-workflow.js";
import { deriveEdits, type DerivedEdit } from "./workflow-edit.js";
import {
  workflowFacts,
  type UsedPath,
  type WorkflowFacts,
} from "./workflow-facts.js";

export interface TrajectoryInput {
  /** The workflow as Flow JSON text (agent, IaC or export form). */
  readonly workflow: string;
  readonly variant: TrajectoryVariant;
  readonly seed: number;
  /** The merchant's request for create/fix; by default the environment's request writer writes it. */
  readonly request?: string;
}

/**
 * The ideal conversation for a workflow: every tool answer in it is produced by running
 * the tool on the call's arguments, so the verifier's re-run must agree. Same input and
 * seed → the same trajectory, byte for byte.
 */
export function buildTrajectory(
  input: TrajectoryInput,
  env: TrajectoryEnvironment,
): Result<Trajectory> {
  const indexes = indexesFor(
    env.catalog,
    env.toolSet.limits.pathDepth,
    env.indexes,
  );
  const pathIndex = indexes.paths;
  const loaded = workflowFacts(input.workflow, env.catalog, pathIndex);
  if (!loaded.ok) return loaded;
  const facts = loaded.value;
  const roundTrip = env.compiler.compile(facts.python);
  // Which of the two it is decides where to look: the workflow itself (it does not
  // validate) or the transpiler (it compiles to something else).
  if (!roundTrip.ok || roundTrip.workflow === undefined)
    return failure(
      sdkCodes.trajectoryRoundTrip,
      `the workflow's Python does not compile: ${
        roundTrip.diagnostics
          .slice(0, 3)
          .map((d) => `${d.code}: ${d.message}`)
          .join("; ") || "no diagnostic"
      }`,
    );
  if (!sameWorkflow(roundTrip.workflow, facts.json))
    return failure(
      sdkCodes.trajectoryRoundTrip,
      "the workflow's Python compiles to a different workflow",
    );

  const shop = shopFor(facts.tasks);
  const toolbox = createToolbox({
    toolSet: env.toolSet,
    catalog: env.catalog,
    shop,
    compiler: env.compiler,
    indexes,
  });
  const base = {
    variant: input.variant,
    seed: input.seed,
    toolSetHash: env.toolSet.hash,
    systemPromptVersion: systemPrompt(env.toolSet).version,
    shop,
  };
  const built = variantBuilders[input.variant]({
    input,
    env,
    facts,
    toolbox,
    chat: createChat(toolbox),
    pathIndex,
  });
  return built.ok
    ? done({ ...base, ...built.value })
    : { ok: false, diagnostics: built.diagnostics };
}

interface BuildContext {
  readonly input: TrajectoryInput;
  readonly env: TrajectoryEnvironment;
  readonly facts: WorkflowFacts;
  readonly toolbox: Toolbox;
  readonly chat: Chat;
  readonly pathIndex: EnvironmentPathIndex;
}

/** What a variant adds to the common fields of a trajectory. */
type VariantPart = Pick<
  Trajectory,
  "conversation" | "details" | "target" | "currentPython"
>;

type VariantBuilder = (ctx: BuildContext) => Result<VariantPart>;

/** create and fix share the plan; fix submits a rejected mistake first. */
function buildFromScratch(ctx: BuildContext): Result<VariantPart> {
  const { input, env, facts, toolbox, chat, pathIndex } = ctx;
  const { seed } = input;
  chat.user(input.request ?? env.requestWriter.create(facts, seed));
  const searched = searchTasks(chat, toolbox, facts.tasks, seed);
  if (!searched.ok) return searched;
  chat.configure(facts.tasks);
  searchPaths(chat, toolbox, pathIndex, facts.paths);
  let mistakeKind: SubmissionMistakeKind | undefined;
  if (input.variant === "fix") {
    const mistake = submissionMistake(facts.python, env.compiler, seed);
    if (mistake === undefined)
      return failure(
        sdkCodes.trajectoryVariantUnavailable,
        "no mistake applies to this workflow that the compiler rejects",
      );
    mistakeKind = mistake.kind;
    const [answer] = chat.call("", [
      { key: "submit_workflow", args: { python: mistake.python } },
    ]);
    chat.call(fixNote(answer?.value, seed), [
      { key: "submit_workflow", args: { python: facts.python } },
    ]);
  } else
    chat.call("", [{ key: "submit_workflow", args: { python: facts.python } }]);
  chat.answer(finalMessage(facts, seed));
  return ok({
    conversation: chat.conversation(),
    target: facts.json,
    details: {
      ...(mistakeKind === undefined ? {} : { mistakeKind }),
      unsearchedPaths: facts.unresolvedPaths,
    },
  });
}

/**
 * The merchant's current workflow is the target with one change undone; the agent looks
 * up only what the change needs (tasks already in the quoted program are known).
 */
function buildEdit(ctx: BuildContext): Result<VariantPart> {
  const { input, env, facts, toolbox, chat, pathIndex } = ctx;
  const { seed } = input;
  const usable = deriveEdits(facts, seed).flatMap((d) =>
    currentWorkflow(d, env, pathIndex),
  );
  if (usable.length === 0)
    return failure(
      sdkCodes.trajectoryVariantUnavailable,
      "no tag, threshold or leaf action to change in this workflow",
    );
  const { derived, python, before } = seededPick(seed, "edit", usable);
  const { edit } = derived;
  const request = env.requestWriter.edit(edit, facts, seed);
  chat.user(
    `${request}\n\nThis is the workflow now:\n\n\`\`\`python\n${python}\`\`\``,
  );
  switch (edit.kind) {
    case "tag_value":
      chat.configure([edit.task]);
      break;
    case "threshold":
      searchPaths(
        chat,
        toolbox,
        pathIndex,
        facts.paths.filter((p) => p.written === edit.path),
      );
      break;
    case "added_action": {
      if (!before.tasks.includes(edit.task)) {
        const searched = searchTasks(chat, toolbox, [edit.task], seed);
        if (!searched.ok) return searched;
      }
      chat.configure([edit.task]);
      const newPaths = facts.paths.filter(
        (p) => !before.paths.some((b) => b.path === p.path),
      );
      searchPaths(chat, toolbox, pathIndex, newPaths);
      break;
    }
  }
  chat.call("", [{ key: "submit_workflow", args: { python: facts.python } }]);
  chat.answer(finalMessage(facts, seed, edit));
  return ok({
    conversation: chat.conversation(),
    target: facts.json,
    currentPython: python,
    details: { editKind: edit.kind, unsearchedPaths: [] },
  });
}

/** A question about Flow: a fixed FAQ answered directly, or a task looked up then explained. */
function buildQuestion(ctx: BuildContext): Result<VariantPart> {
  const { input, facts, toolbox, chat } = ctx;
  const { seed } = input;
  const lookups = facts.tasks.filter(
    (t) => t.task_type === "TRIGGER" || t.task_type === "ACTION",
  );
  const kind =
    lookups.length > 0 && seededIndex(seed, "question.kind", 2) === 0
      ? "task_lookup"
      : "faq";
  if (kind === "faq") {
    const q = seededPick(seed, "question.faq", flowFaq);
    chat.user(q.question);
    chat.answer(q.answer);
  } else {
    const task = seededPick(seed, "question.task", lookups);
    const what = task.task_type === "TRIGGER" ? "trigger" : "action";
    chat.user(
      seededPick(seed, "question.phrase", [
        `What does the "${task.label}" ${what} in Shopify Flow do?`,
        `Is there a Flow ${what} called "${task.label}"? What is it for?`,
      ]),
    );
    const searched = searchTasks(chat, toolbox, [task], seed);
    if (!searched.ok) return searched;
    chat.answer(taskAnswer(task, toolbox.shop));
  }
  return ok({
    conversation: chat.conversation(),
    details: { questionKind: kind, unsearchedPaths: [] },
  });
}

const variantBuilders = {
  create: buildFromScratch,
  fix: buildFromScratch,
  edit: buildEdit,
  question: buildQuestion,
} satisfies Record<TrajectoryVariant, VariantBuilder>;

interface PlannedCall {
  readonly key: ToolKey;
  readonly args: JsonValue;
}

interface Chat {
  user(content: string): void;
  /** One assistant turn with these calls, then the tools' answers. */
  call(
    content: string,
    calls: readonly PlannedCall[],
  ): readonly { readonly value: JsonValue }[];
  configure(tasks: readonly CatalogTask[]): void;
  answer(content: string): void;
  conversation(): Trajectory["conversation"];
}

function createChat(toolbox: Toolbox): Chat {
  const messages: ChatMessage[] = [
    { role: "system", content: systemPrompt(toolbox.toolSet).text },
  ];
  let nextId = 1;
  const chat: Chat = {
    user(content) {
      messages.push({ role: "user", content });
    },
    call(content, calls) {
      const planned = calls.map((c) => ({
        id: `call_${nextId++}`,
        name: toolbox.nameOf(c.key),
        text: toolbox.writeArguments(c.key, c.args),
      }));
      const turn: AssistantMessage = {
        role: "assistant",
        content,
        tool_calls: planned.map((p) => ({
          id: p.id,
          type: "function",
          function: { name: p.name, arguments: p.text },
        })),
      };
      messages.push(turn);
      return planned.map((p) => {
        const answer = toolbox.call(p.name, p.text);
        if (answer.kind !== "answered")
          throw new InternalError(
            `the builder's own call to ${p.name} was rejected: ${answer.content}`,
          );
        messages.push({
          role: "tool",
          tool_call_id: p.id,
          content: answer.content,
        });
        return { value: answer.value };
      });
    },
    configure(tasks) {
      if (tasks.length === 0) return;
      const size = toolbox.toolSet.limits.configurationTasks;
      chat.call(
        "",
        chunks(tasks, size).map((group) => ({
          key: "task_configuration",
          args: {
            tasks: group.map((t) => ({ id: t.id, version: t.version })),
          },
        })),
      );
    },
    answer(content) {
      messages.push({ role: "assistant", content });
    },
    conversation: () => ({ messages: [...messages], tools: toolbox.tools }),
  };
  return chat;
}

/** One query per task (the first candidate whose results list it), sent in as few calls as the limit allows. */
function searchTasks(
  chat: Chat,
  toolbox: Toolbox,
  tasks: readonly CatalogTask[],
  seed: number,
): Result<null> {
  const planned = planTaskSearches(toolbox, tasks, seed);
  if (!planned.ok) return planned;
  const queries = [...new Set(planned.value.map((p) => p.query))];
  chat.call(
    "",
    chunks(queries, toolbox.toolSet.limits.searchQueries).map((group) => ({
      key: "task_search",
      args: { search_queries: group },
    })),
  );
  return { ok: true, value: null, diagnostics: [] };
}

function planTaskSearches(
  toolbox: Toolbox,
  tasks: readonly CatalogTask[],
  seed: number,
): Result<readonly SummaryDesignQuery[]> {
  const out: SummaryDesignQuery[] = [];
  for (const task of tasks) {
    const query = queryCandidates(task, seed).find((q) =>
      searchFinds(toolbox, q, task),
    );
    if (query === undefined)
      return failure(
        sdkCodes.trajectoryTaskNotFound,
        `no query written from the label or description of ${task.id} finds it`,
      );
    out.push({ query, task: { id: task.id, version: task.version } });
  }
  return { ok: true, value: out, diagnostics: [] };
}

/**
 * The task searches a create trajectory of this workflow makes, each with the task it is
 * after: the corpus-derived queries for `measureSummaryDesign`.
 */
export function plannedTaskSearches(
  workflow: string,
  env: TrajectoryEnvironment,
  seed: number,
): Result<readonly SummaryDesignQuery[]> {
  const indexes = indexesFor(
    env.catalog,
    env.toolSet.limits.pathDepth,
    env.indexes,
  );
  const facts = workflowFacts(workflow, env.catalog, indexes.paths);
  if (!facts.ok) return facts;
  const toolbox = createToolbox({
    toolSet: env.toolSet,
    catalog: env.catalog,
    shop: shopFor(facts.value.tasks),
    compiler: env.compiler,
    indexes,
  });
  return planTaskSearches(toolbox, facts.value.tasks, seed);
}

/** The shop a trajectory assumes: it has installed every app task the workflow uses. */
function shopFor(tasks: readonly CatalogTask[]): ShopContext {
  return {
    installedTaskIds: [
      ...new Set(
        tasks
          .filter((t) => !isInstalled(t, { installedTaskIds: [] }))
          .map((t) => t.id),
      ),
    ].sort(),
  };
}

function searchFinds(
  toolbox: Toolbox,
  query: string,
  task: CatalogTask,
): boolean {
  const answer = toolbox.call(
    toolbox.nameOf("task_search"),
    toolbox.writeArguments("task_search", { search_queries: [query] }),
  );
  return (
    answer.kind === "answered" &&
    searchedTasks(answer.value).some(
      (t) => t.id === task.id && t.version === task.version,
    )
  );
}

/** One search per path: its segment words, or its dotted form when the words do not reach it. */
function searchPaths(
  chat: Chat,
  toolbox: Toolbox,
  index: EnvironmentPathIndex,
  paths: readonly UsedPath[],
): void {
  const { pathResultsPerSearch, pathSearches } = toolbox.toolSet.limits;
  const searches: { root_type: string; search_term: string }[] = [];
  for (const p of paths) {
    const words = pathWords(p.segments.join("."));
    const wordsFind = index
      .search(p.rootType, words, {
        listsOnly: false,
        limit: pathResultsPerSearch,
      })
      ?.some((hit) => hit.path === p.path);
    const term = wordsFind === true ? words : p.segments.join(".");
    if (
      !searches.some(
        (s) => s.root_type === p.rootType && s.search_term === term,
      )
    )
      searches.push({ root_type: p.rootType, search_term: term });
  }
  if (searches.length === 0) return;
  chat.call(
    "",
    chunks(searches, pathSearches).map((group) => ({
      key: "environment_paths_search",
      args: { searches: group },
    })),
  );
}

/** The current workflow of an edit, if it loads, prints and compiles. */
function currentWorkflow(
  derived: DerivedEdit,
  env: TrajectoryEnvironment,
  index: EnvironmentPathIndex,
): readonly {
  readonly derived: DerivedEdit;
  readonly python: string;
  readonly before: WorkflowFacts;
}[] {
  const before = workflowFacts(derived.before, env.catalog, index);
  if (!before.ok) return [];
  const printed = flowToPython(derived.before);
  if (!printed.ok || !env.compiler.compile(printed.value.python).ok) return [];
  return [{ derived, python: printed.value.python, before: before.value }];
}

/** The agent's words between a rejected submission and the fixed one, quoting the compiler. */
function fixNote(value: JsonValue | undefined, seed: number): string {
  const diagnostics =
    value !== undefined && isPlainObject(value)
      ? value["diagnostics"]
      : undefined;
  const first =
    Array.isArray(diagnostics) && diagnostics.length > 0
      ? (diagnostics as readonly JsonValue[])[0]
      : undefined;
  if (first === undefined || !isPlainObject(first))
    throw new InternalError(
      "a rejected submission came back without diagnostics",
    );
  const line =
    typeof first["line"] === "number" ? `Line ${first["line"]}: ` : "";
  const message = typeof first["message"] === "string" ? first["message"] : "";
  const plan = seededPick(seed, "fix.plan", [
    "I'll fix that and submit the whole program again.",
    "Fixing it and resubmitting.",
  ]);
  return `The workflow was rejected. ${line}${message}. ${plan}`.replace(
    "..",
    ".",
  );
}

function taskAnswer(task: CatalogTask, shop: ShopContext): string {
  const what = task.task_type === "TRIGGER" ? "a trigger" : "an action";
  const installed = isInstalled(task, shop)
    ? ""
    : " It comes from an app that is not installed in your store yet.";
  const use =
    task.task_type === "TRIGGER"
      ? "A workflow that starts with it runs every time that event happens."
      : "You can add it to any workflow whose data it needs.";
  return `"${task.label}" is ${what} published by ${task.publisher}: ${task.description}${installed} ${use} If you want, describe what should happen and I'll build the workflow around it.`;
}

function chunks<T>(
  items: readonly T[],
  size: number,
): readonly (readonly T[])[] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

function failure<T>(code: string, message: string): Result<T> {
  const d: Diagnostic = { code, severity: "error", message };
  return { ok: false, diagnostics: [d] };
}

function done(trajectory: Trajectory): Result<Trajectory> {
  return ok(trajectory);
}

function ok<T>(value: T): Result<T> {
  return { ok: true, value, diagnostics: [] };
}
