import { bundledCatalog, type Catalog } from "@flowpy/transpiler";
import type { ChatMessage } from "../../conversation/chat-message.js";
import { workflowTags, type WorkflowTags } from "../../tags/workflow-tags.js";

/** What the merchant asked for: a new workflow, a change to one they have, or an answer. */
import { requestKinds, type RequestKind } from "../eval-set/eval-example.js";

export { requestKinds, type RequestKind };

/**
 * The tags of one conversation: its request kind, and the workflow tags of its final (or
 * reference) workflow. Without a readable workflow the workflow tags are those of an empty
 * one (`trigger: none`, no families, size `small`, 0 steps) and `workflowTagged` is false,
 * so a question still has every slice key.
 */
export interface ConversationTags extends WorkflowTags {
  readonly requestKind: RequestKind;
  /** Whether the workflow tags come from a workflow (false: none given, or it does not read). */
  readonly workflowTagged: boolean;
}

const emptyWorkflowTags: WorkflowTags = {
  trigger: "none",
  triggerResource: "none",
  actionFamilies: [],
  conditionPatterns: [],
  apps: [],
  email: false,
  loops: false,
  liquid: false,
  waits: false,
  http: false,
  metafields: false,
  unknownTasks: false,
  size: "small",
  stepCount: 0,
};

// A Flow document pasted into a turn or returned by a tool: both keys of the agent form.
const FLOW_DOCUMENT =
  /"steps"\s*:\s*\[[\s\S]*"(?:task_?[iI]d|taskType|task_type)"/;

const EDIT_WORDS =
  /\b(?:change|edit|modify|update|adjust|tweak|fix|extend|rename|remove|delete|replace|add\b[^.?!]*\bto)\b[^.?!]*\b(?:my|the|this|our|existing|current)\b[^.?!]*\b(?:workflow|flow|automation)\b|\b(?:existing|current)\s+(?:workflow|flow|automation)\b|\b(?:my|this|our)\s+(?:workflow|flow|automation)\b[^.?!]*\b(?:change|edit|modify|update|adjust|tweak|fix|extend|instead|also)\b/i;

const CREATE_WORDS =
  /\b(?:create|build|make|set\s*up|setup|automate|add|send|tag|notify|write|generate|i\s+want|i\s+need|i'd\s+like|please|when(?:ever)?\b[^.?!]*\bthen)\b/i;

const QUESTION_OPENERS =
  /^\s*(?:how|what|why|when|where|which|who|can|could|does|do|is|are|will|would|should|may|explain|tell\s+me)\b/i;

/**
 * The request kind, decided from the conversation alone: `edit` when a turn carries a
 * current workflow (a Flow document in a user, system or tool message) or the merchant asks
 * to change theirs; otherwise `question` when their first turn asks something without asking
 * for anything to be built; otherwise `create`.
 */
export function requestKind(conversation: readonly ChatMessage[]): RequestKind {
  const carriesWorkflow = conversation.some(
    (m) => m.role !== "assistant" && FLOW_DOCUMENT.test(m.content),
  );
  const users = conversation.filter((m) => m.role === "user");
  if (carriesWorkflow || users.some((m) => EDIT_WORDS.test(m.content)))
    return "edit";
  const first = users[0]?.content ?? "";
  const asks = QUESTION_OPENERS.test(first) || /\?\s*$/.test(first.trim());
  const wantsWorkflow =
    CREATE_WORDS.test(first.replace(QUESTION_OPENERS, "")) &&
    !/^\s*(?:how|what|why|which|is|are|does|do)\b/i.test(first);
  return asks && !wantsWorkflow ? "question" : "create";
}

/**
 * The tags of a conversation (OpenAI chat messages) and its final or reference workflow
 * (Flow JSON text). A workflow that does not read is tagged as none (`workflowTagged`
 * false), never an error: a production conversation may end with a broken workflow.
 */
export function conversationTags(
  input: {
    readonly conversation: readonly ChatMessage[];
    readonly workflow?: string;
  },
  catalog: Catalog = bundledCatalog(),
): ConversationTags {
  const tags =
    input.workflow === undefined
      ? undefined
      : workflowTags(input.workflow, catalog);
  return {
    ...(tags?.ok === true ? tags.value : emptyWorkflowTags),
    requestKind: requestKind(input.conversation),
    workflowTagged: tags?.ok === true,
  };
}

/** The dimensions conversations are sliced by, in report order. */
export const sliceDimensions = [
  "requestKind",
  "triggerResource",
  "trigger",
  "actionFamilies",
  "conditionPatterns",
  "apps",
  "email",
  "loops",
  "liquid",
  "waits",
  "http",
  "metafields",
  "size",
] as const satisfies readonly (keyof ConversationTags)[];
export type SliceDimension = (typeof sliceDimensions)[number];

/**
 * The slices a conversation belongs to, as `dimension=value` keys: one per value of a list
 * dimension (so a conversation with email and tag actions is in both `actionFamilies=email`
 * and `actionFamilies=tags`), `dimension=none` for an empty list, `yes`/`no` for flags.
 */
export function sliceKeys(
  tags: ConversationTags,
  dimensions: readonly SliceDimension[] = sliceDimensions,
): readonly string[] {
  return dimensions.flatMap((d) => {
    const value = tags[d];
    if (Array.isArray(value))
      return value.length === 0
        ? [`${d}=none`]
        : value.map((v: string) => `${d}=${v}`);
    if (typeof value === "boolean") return [`${d}=${value ? "yes" : "no"}`];
    return [`${d}=${String(value)}`];
  });
}
