import type { JsonNode, JsonObject } from "../../json/json-node.js";
import { codes } from "../../diagnostics/codes.js";
import {
  error,
  fail,
  ok,
  type Diagnostic,
  type JsonPath,
  type Result,
} from "../../diagnostics/diagnostic.js";
import { describeKind, field, fields } from "./json-access.js";
import {
  stepKeyOf,
  TASK_TYPES,
  type ConfigEntry,
  type FlowLink,
  type FlowStep,
  type FlowWorkflow,
  type PatchedField,
} from "./model.js";
import type { TaskType } from "./known-tasks.js";

/**
 * Reads a Flow document (`{"__metadata", "root"}`) into the semantic model, collecting
 * every structural problem with its JSON path instead of stopping at the first one.
 * Graph rules (dangling links, ports, cycles) are checked separately in `check-graph.ts`.
 */
export function decodeDocument(doc: JsonNode): Result<FlowWorkflow> {
  const problems: Diagnostic[] = [];
  if (doc.kind !== "object") {
    return fail([
      error(
        codes.flowInvalidType,
        `a Flow document must be a JSON object, found ${describeKind(doc)}`,
        { path: [] },
      ),
    ]);
  }
  const root = field(doc, "root");
  if (root === undefined) return fail([partialDocument(doc)]);
  if (root.kind !== "object")
    return fail([typeError(["root"], "an object", root)]);
  const metadata = field(doc, "__metadata");
  if (metadata === undefined)
    problems.push({
      ...missing(["__metadata"]),
      hint: 'Documents start with "__metadata": {"version": 0.1}.',
    });
  else if (metadata.kind !== "object")
    problems.push(typeError(["__metadata"], "an object", metadata));
  else {
    const version = field(metadata, "version");
    if (version !== undefined && version.kind !== "number") {
      problems.push(
        typeError(
          ["__metadata", "version"],
          "a number",
          version,
          "The format version is the JSON number 0.1, not a string.",
        ),
      );
    }
  }

  const name = requiredString(
    field(root, "workflow_name"),
    "workflow_name",
    ["root"],
    problems,
  );
  const note = optionalString(field(root, "note"), "note", ["root"], problems);
  const variablesNode = field(root, "variables");
  let variables: readonly JsonNode[] = [];
  if (variablesNode !== undefined) {
    if (variablesNode.kind === "array") variables = variablesNode.items;
    else
      problems.push(
        typeError(["root", "variables"], "an array", variablesNode),
      );
  }
  const steps = decodeArray(
    field(root, "steps"),
    "steps",
    ["root"],
    problems,
    decodeStep,
    true,
  );
  const links = decodeArray(
    field(root, "links"),
    "links",
    ["root"],
    problems,
    decodeLink,
    true,
  );
  const patchedFields = decodeArray(
    field(root, "patched_fields"),
    "patched_fields",
    ["root"],
    problems,
    decodePatchedField,
    false,
  );

  if (problems.length > 0) return fail(problems);
  return ok({
    name: name ?? "",
    note: note ?? null,
    variables,
    patchedFields,
    steps,
    links,
  });
}

function partialDocument(doc: JsonObject): Diagnostic {
  const keys = doc.entries.map((e) => e.key);
  const kind = keys.includes("task_id")
    ? "a single step object"
    : keys.includes("steps") ||
        keys.includes("patched_fields") ||
        keys.includes("links")
      ? `a root fragment (keys: ${keys.join(", ")})`
      : keys.includes("config_field_values")
        ? "a step fragment holding only config_field_values"
        : `an object without "root" (keys: ${keys.slice(0, 8).join(", ") || "none"})`;
  return error(
    codes.flowPartialDocument,
    `this is ${kind}, not a whole Flow workflow document`,
    {
      path: [],
      hint: 'A workflow document is {"__metadata": {"version": 0.1}, "root": {"workflow_name", "steps", "links", "patched_fields"}}; wrap the fragment in one to transpile it.',
    },
  );
}

function decodeArray<T>(
  node: JsonNode | undefined,
  key: string,
  at: JsonPath,
  problems: Diagnostic[],
  decode: (
    node: JsonNode,
    path: JsonPath,
    problems: Diagnostic[],
  ) => T | undefined,
  required: boolean,
): readonly T[] {
  const path = [...at, key];
  if (node === undefined) {
    if (required) problems.push(missing(path));
    return [];
  }
  if (node.kind !== "array") {
    problems.push(typeError(path, "an array", node));
    return [];
  }
  const out: T[] = [];
  node.items.forEach((item, i) => {
    const value = decode(item, [...path, i], problems);
    if (value !== undefined) out.push(value);
  });
  return out;
}

/**
 * The keys read from each step, config entry and link object (`fields`: one pass each);
 * the dialect's formatting rules treat the same keys as known.
 */
export const STEP_KEYS = [
  "step_id",
  "task_id",
  "task_version",
  "task_type",
  "config_field_values",
  "description",
  "note",
  "name",
] as const;
export const CONFIG_ENTRY_KEYS = ["config_field_id", "value"] as const;
export const LINK_KEYS = [
  "from_step_id",
  "from_port_id",
  "to_step_id",
  "to_port_id",
] as const;

function decodeStep(
  node: JsonNode,
  path: JsonPath,
  problems: Diagnostic[],
): FlowStep | undefined {
  if (node.kind !== "object") {
    problems.push(typeError(path, "a step object", node));
    return undefined;
  }
  const before = problems.length;
  const {
    step_id: id,
    task_id: taskIdNode,
    task_version: taskVersionNode,
    task_type: taskTypeNode,
    config_field_values: configNode,
    description: descriptionNode,
    note: noteNode,
    name: nameNode,
  } = fields(node, STEP_KEYS);
  let key: string | undefined;
  if (id === undefined) problems.push(missing([...path, "step_id"]));
  else {
    key = stepKeyOf(id);
    if (key === undefined)
      problems.push(
        typeError([...path, "step_id"], "an integer or a string", id),
      );
  }
  const taskId = requiredString(taskIdNode, "task_id", path, problems);
  const taskVersion = requiredString(
    taskVersionNode,
    "task_version",
    path,
    problems,
  );
  const taskTypeText = requiredString(
    taskTypeNode,
    "task_type",
    path,
    problems,
  );
  let taskType: TaskType | undefined;
  if (taskTypeText !== undefined) {
    taskType = TASK_TYPES.find((t) => t === taskTypeText);
    if (taskType === undefined) {
      problems.push(
        error(
          codes.flowInvalidTaskType,
          `unknown task_type ${JSON.stringify(taskTypeText)}`,
          {
            path: [...path, "task_type"],
            hint: `task_type is one of ${TASK_TYPES.join(", ")} (upper case)`,
          },
        ),
      );
    }
  }
  const config = decodeArray(
    configNode,
    "config_field_values",
    path,
    problems,
    decodeConfigEntry,
    true,
  );
  const seen = new Set<string>();
  config.forEach((entry, i) => {
    if (seen.has(entry.fieldId)) {
      problems.push(
        error(
          codes.flowDuplicateConfigField,
          `config field ${JSON.stringify(entry.fieldId)} appears more than once`,
          {
            path: [...path, "config_field_values", i, "config_field_id"],
            hint: "Each config_field_id may appear once per step; merge or remove the duplicate.",
          },
        ),
      );
    }
    seen.add(entry.fieldId);
  });
  const description = optionalString(
    descriptionNode,
    "description",
    path,
    problems,
  );
  const note = optionalString(noteNode, "note", path, problems);
  const name = optionalString(nameNode, "name", path, problems);
  if (problems.length > before || id === undefined || key === undefined)
    return undefined;
  if (
    taskId === undefined ||
    taskVersion === undefined ||
    taskType === undefined
  )
    return undefined;
  return {
    key,
    id,
    taskId,
    taskVersion,
    taskType,
    config,
    description: description ?? null,
    note: note ?? null,
    name: name ?? null,
    path,
  };
}

function decodeConfigEntry(
  node: JsonNode,
  path: JsonPath,
  problems: Diagnostic[],
): ConfigEntry | undefined {
  if (node.kind !== "object") {
    problems.push(typeError(path, "an object {config_field_id, value}", node));
    return undefined;
  }
  const { config_field_id: idNode, value: valueNode } = fields(
    node,
    CONFIG_ENTRY_KEYS,
  );
  const fieldId = requiredString(idNode, "config_field_id", path, problems);
  const value = requiredString(
    valueNode,
    "value",
    path,
    problems,
    "Config values are always strings; JSON values are encoded inside the string.",
  );
  if (fieldId === undefined || value === undefined) return undefined;
  return { fieldId, value };
}

/** The step key a link end refers to (a module-level function: no closure per link). */
function linkEndpoint(
  value: JsonNode | undefined,
  key: string,
  path: JsonPath,
  problems: Diagnostic[],
): string | undefined {
  if (value === undefined) {
    problems.push(missing([...path, key]));
    return undefined;
  }
  const k = stepKeyOf(value);
  if (k === undefined)
    problems.push(
      typeError([...path, key], "an integer or a string step id", value),
    );
  return k;
}

function decodeLink(
  node: JsonNode,
  path: JsonPath,
  problems: Diagnostic[],
): FlowLink | undefined {
  if (node.kind !== "object") {
    problems.push(typeError(path, "a link object", node));
    return undefined;
  }
  const {
    from_step_id: fromNode,
    from_port_id: fromPortNode,
    to_step_id: toNode,
    to_port_id: toPortNode,
  } = fields(node, LINK_KEYS);
  const from = linkEndpoint(fromNode, "from_step_id", path, problems);
  const fromPort = requiredString(fromPortNode, "from_port_id", path, problems);
  const to = linkEndpoint(toNode, "to_step_id", path, problems);
  const toPort = requiredString(toPortNode, "to_port_id", path, problems);
  if (
    from === undefined ||
    fromPort === undefined ||
    to === undefined ||
    toPort === undefined
  )
    return undefined;
  return { from, fromPort, to, toPort, path };
}

function decodePatchedField(
  node: JsonNode,
  path: JsonPath,
  problems: Diagnostic[],
): PatchedField | undefined {
  if (node.kind !== "object") {
    problems.push(typeError(path, "a patched field object", node));
    return undefined;
  }
  // `id` is an editor identifier (export form only): formatting, not meaning.
  return {
    entries: node.entries
      .filter((e) => e.key !== "id")
      .map((e) => [e.key, e.value] as const),
  };
}

function requiredString(
  node: JsonNode | undefined,
  key: string,
  at: JsonPath,
  problems: Diagnostic[],
  hint?: string,
): string | undefined {
  if (node === undefined) {
    problems.push(missing([...at, key]));
    return undefined;
  }
  if (node.kind !== "string") {
    problems.push(typeError([...at, key], "a string", node, hint));
    return undefined;
  }
  return node.value;
}

function optionalString(
  node: JsonNode | undefined,
  key: string,
  at: JsonPath,
  problems: Diagnostic[],
): string | null | undefined {
  if (node === undefined || node.kind === "null") return null;
  if (node.kind !== "string") {
    problems.push(typeError([...at, key], "a string or null", node));
    return undefined;
  }
  return node.value;
}

function missing(path: JsonPath): Diagnostic {
  return error(
    codes.flowMissingField,
    `required field ${JSON.stringify(path[path.length - 1])} is missing`,
    { path },
  );
}

function typeError(
  path: JsonPath,
  expected: string,
  found: JsonNode,
  hint?: string,
): Diagnostic {
  return error(
    codes.flowInvalidType,
    `expected ${expected}, found ${describeKind(found)}`,
    hint === undefined ? { path } : { path, hint },
  );
}
