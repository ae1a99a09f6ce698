import type { JsonValue } from "../conversation/chat-message.js";
import { isPlainObject } from "./json-schema.js";

/** A task named by an answer. */
export interface TaskRef {
  readonly id: string;
  readonly version: string;
}

/** The tasks a task_search answer lists (its value, snake_case keys, before any restyling). */
export function searchedTasks(value: JsonValue): readonly TaskRef[] {
  return entries(value, "results").flatMap((r) =>
    entries(r, "tasks").flatMap(taskRef),
  );
}

/** The tasks a task_configuration answer describes, leaving out the ones it reports an error for. */
export function configuredTasks(value: JsonValue): readonly TaskRef[] {
  return entries(value, "tasks").flatMap((t) =>
    isPlainObject(t) && t["error"] === undefined ? taskRef(t) : [],
  );
}

function entries(value: JsonValue, key: string): readonly JsonValue[] {
  const inner = isPlainObject(value) ? value[key] : undefined;
  return Array.isArray(inner) ? (inner as readonly JsonValue[]) : [];
}

function taskRef(value: JsonValue): readonly TaskRef[] {
  return isPlainObject(value) &&
    typeof value["id"] === "string" &&
    typeof value["version"] === "string"
    ? [{ id: value["id"], version: value["version"] }]
    : [];
}
