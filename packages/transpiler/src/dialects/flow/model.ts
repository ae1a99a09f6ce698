import type { JsonNode } from "../../json/json-node.js";
import type { JsonPath } from "../../diagnostics/diagnostic.js";
import type { TaskType } from "./known-tasks.js";

/**
 * The semantic Flow workflow: what the Python form expresses. Everything else in a
 * document (step ids' spelling, positions, key order, array order, uuids, the form of
 * JSON held in strings, unknown keys) is formatting, kept by the trivia mechanism.
 */
export interface FlowWorkflow {
  readonly name: string;
  readonly note: string | null;
  /** Present only when the document has a non-empty `variables` array (meaning unknown). */
  readonly variables: readonly JsonNode[];
  readonly patchedFields: readonly PatchedField[];
  readonly steps: readonly FlowStep[];
  readonly links: readonly FlowLink[];
}

/** Identity of a step id: JSON type plus value (`1` and `"1"` are different ids). */
export type StepKey = string;

export interface FlowStep {
  readonly key: StepKey;
  /** The id as it appears in the document (number or string node). */
  readonly id: JsonNode;
  readonly taskId: string;
  readonly taskVersion: string;
  readonly taskType: TaskType;
  readonly config: readonly ConfigEntry[];
  readonly description: string | null;
  readonly note: string | null;
  readonly name: string | null;
  /** Where the step object sits in the source document, for diagnostics. */
  readonly path: JsonPath;
}

export interface ConfigEntry {
  readonly fieldId: string;
  /** Always a string in Flow JSON; it may hold JSON, Liquid, DSL or plain text. */
  readonly value: string;
}

export interface FlowLink {
  readonly from: StepKey;
  readonly fromPort: string;
  readonly to: StepKey;
  readonly toPort: string;
  readonly path: JsonPath;
}

/** A `patched_fields` entry; `arguments` is kept decoded (object form). */
export interface PatchedField {
  readonly entries: readonly (readonly [string, JsonNode])[];
}

export const TASK_TYPES: readonly TaskType[] = [
  "TRIGGER",
  "CONDITION",
  "ACTION",
  "FOREACH",
  "WAIT",
];

/** Output ports per task type (SPEC §a.6); the first one is the continuation port. */
export const OUTPUT_PORTS = {
  TRIGGER: ["output"],
  ACTION: ["output"],
  WAIT: ["output"],
  CONDITION: ["true", "false"],
  FOREACH: ["loop_body", "after"],
} as const satisfies Record<TaskType, readonly string[]>;

export function stepKeyOf(id: JsonNode): StepKey | undefined {
  if (id.kind === "string") return `s:${id.value}`;
  if (id.kind === "number") {
    const n = Number(id.raw);
    return Number.isSafeInteger(n) || !Number.isInteger(n)
      ? `n:${n}`
      : `n:${id.raw}`;
  }
  return undefined;
}
