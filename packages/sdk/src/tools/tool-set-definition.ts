import type { ObjectSchema } from "./json-schema.js";

/**
 * THE tool set: one versioned definition from which the OpenAI `tools` array (training rows
 * and the serving agent alike), the argument validators, the canonical response writers
 * and the docs are all derived. Per-deployment names, descriptions, key style and limits
 * are an overlay on top (`resolveToolSet`), never a second definition. Any change here that
 * the model can see (a word of a description, a key, a limit) must bump `version`.
 * `{tool_key}` in a description stands for that tool's (possibly renamed) name.
 */
export const toolKeys = [
  "task_search",
  "task_configuration",
  "environment_paths_search",
  "submit_workflow",
] as const;

export type ToolKey = (typeof toolKeys)[number];

export interface ToolSpec {
  readonly key: ToolKey;
  /** The default name the model calls; deployments may rename it. */
  readonly name: string;
  readonly description: string;
  readonly parameters: ObjectSchema;
  /** The shape of a successful answer; key order here is the order on the wire. */
  readonly response: ObjectSchema;
}

/** Sizes that change what the model sees; part of the hashed definition. */
export interface ToolLimits {
  readonly searchQueries: number;
  readonly searchResultsPerQuery: number;
  readonly configurationTasks: number;
  readonly pathSearches: number;
  readonly pathResultsPerSearch: number;
  /** Segments after the root that path search walks (deeper paths are not offered). */
  readonly pathDepth: number;
}

export interface ToolSetDefinition {
  readonly version: string;
  readonly tools: readonly ToolSpec[];
  /** Answer of any tool to arguments that do not fit its parameters. */
  readonly errorResponse: ObjectSchema;
  readonly limits: ToolLimits;
}

export const taskTypeFilters = [
  "trigger",
  "action",
  "condition",
  "foreach",
  "wait",
] as const;

export const pathCategories = [
  "SCALAR",
  "SCALAR_IN_LIST",
  "LIST",
  "ALL",
] as const;
export type PathCategory = (typeof pathCategories)[number];

const limits: ToolLimits = {
  searchQueries: 8,
  searchResultsPerQuery: 5,
  configurationTasks: 10,
  pathSearches: 10,
  pathResultsPerSearch: 8,
  pathDepth: 5,
};

const taskSummary: ObjectSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    version: { type: "string" },
    task_type: { type: "string" },
    label: { type: "string" },
    description: { type: "string" },
    publisher: { type: "string" },
    installed: { type: "boolean" },
  },
  required: [
    "id",
    "version",
    "task_type",
    "label",
    "description",
    "publisher",
    "installed",
  ],
};

const configField: ObjectSchema = {
  type: "object",
  properties: {
    id: { type: "string" },
    label: { type: "string" },
    description: { type: "string" },
    type: { type: "string" },
    required: { type: "boolean" },
    supports_liquid: { type: "boolean" },
    options: { type: "array", items: { type: "string" } },
    hidden: { type: "boolean" },
    default_path: { type: "string" },
  },
  required: [
    "id",
    "label",
    "description",
    "type",
    "required",
    "supports_liquid",
  ],
};

const returnField: ObjectSchema = {
  type: "object",
  properties: {
    name: { type: "string" },
    type: { type: "string" },
    is_list: { type: "boolean" },
    description: { type: "string" },
  },
  required: ["name", "type", "is_list"],
};

const taskDetail: ObjectSchema = {
  type: "object",
  description:
    "Either the full task (no error) or only id, version and error for a task that does not exist.",
  properties: {
    id: { type: "string" },
    version: { type: "string" },
    error: { type: "string" },
    task_type: { type: "string" },
    label: { type: "string" },
    input_port_id: { type: "string" },
    output_port_ids: { type: "array", items: { type: "string" } },
    output_variable: { type: "string" },
    config_fields: { type: "array", items: configField },
    return_fields: { type: "array", items: returnField },
  },
  required: ["id", "version"],
};

const pathResult: ObjectSchema = {
  type: "object",
  properties: {
    path: { type: "string" },
    category: { type: "string", enum: pathCategories },
    type: { type: "string" },
  },
  required: ["path", "category", "type"],
};

/** The transpiler's `renderDiagnosticsForModel` format, keys in its order. */
const compactDiagnostic: ObjectSchema = {
  type: "object",
  properties: {
    code: { type: "string" },
    bucket: { type: "string" },
    line: { type: "integer" },
    column: { type: "integer" },
    path: { type: "string" },
    message: { type: "string" },
    hint: { type: "string" },
  },
  required: ["code", "message"],
};

export const toolSetDefinition: ToolSetDefinition = {
  version: "flowpy-tools/2",
  limits,
  errorResponse: {
    type: "object",
    properties: {
      errors: {
        type: "array",
        items: {
          type: "object",
          properties: {
            path: { type: "string" },
            message: { type: "string" },
          },
          required: ["path", "message"],
        },
      },
    },
    required: ["errors"],
  },
  tools: [
    {
      key: "task_search",
      name: "task_search",
      description:
        "Find Shopify Flow tasks (triggers, conditions, actions, loops, waits) by describing what a step should do. " +
        "Returns short summaries only; call {task_configuration} for the fields of the tasks you pick. " +
        "Within each query's results, installed tasks come first, then tasks by publisher (shopify, flow, flow-connectors, shopify-app, others), then by relevance.",
      parameters: {
        type: "object",
        properties: {
          search_queries: {
            type: "array",
            description:
              'One short natural-language description per step you need, e.g. "when an order is paid" or "add tags to a customer".',
            items: { type: "string", minLength: 1, maxLength: 200 },
            minItems: 1,
            maxItems: limits.searchQueries,
          },
          task_type: {
            type: "string",
            description: "Only return tasks of this type.",
            enum: taskTypeFilters,
          },
        },
        required: ["search_queries"],
      },
      response: {
        type: "object",
        properties: {
          results: {
            type: "array",
            items: {
              type: "object",
              properties: {
                query: { type: "string" },
                tasks: { type: "array", items: taskSummary },
              },
              required: ["query", "tasks"],
            },
          },
        },
        required: ["results"],
      },
    },
    {
      key: "task_configuration",
      name: "task_configuration",
      description:
        "Get the full definition of selected tasks: config fields (ids, types, accepted options, Liquid support), return fields, ports and output variable. " +
        "It is the source of truth for field ids; call it for every task you use, with the id and version from {task_search}.",
      parameters: {
        type: "object",
        properties: {
          tasks: {
            type: "array",
            items: {
              type: "object",
              properties: {
                id: { type: "string", minLength: 1 },
                version: { type: "string", minLength: 1 },
              },
              required: ["id", "version"],
            },
            minItems: 1,
            maxItems: limits.configurationTasks,
          },
        },
        required: ["tasks"],
      },
      response: {
        type: "object",
        properties: { tasks: { type: "array", items: taskDetail } },
        required: ["tasks"],
      },
    },
    {
      key: "environment_paths_search",
      name: "environment_paths_search",
      description:
        "Find the data paths available to conditions, Liquid templates and list fields, starting from an Admin API type. " +
        "Each path has a category: SCALAR (compare directly), SCALAR_IN_LIST (one list on the way: iterate with any/all or a loop first), " +
        "LIST (a list of objects, usable by For each), ALL (several nested lists). " +
        "A search term with dots (customer.email) matches that path and the paths under it; otherwise words are matched against the path's segments.",
      parameters: {
        type: "object",
        properties: {
          searches: {
            type: "array",
            items: {
              type: "object",
              properties: {
                root_type: {
                  type: "string",
                  description:
                    "Admin API type the path starts from, e.g. Order.",
                  minLength: 1,
                },
                search_term: { type: "string" },
              },
              required: ["root_type", "search_term"],
            },
            minItems: 1,
            maxItems: limits.pathSearches,
          },
          data_type_filter: {
            type: "string",
            description: "LIST returns only lists of objects.",
            enum: ["ALL", "LIST"],
            default: "ALL",
          },
        },
        required: ["searches"],
      },
      response: {
        type: "object",
        properties: {
          results: {
            type: "array",
            items: {
              type: "object",
              properties: {
                root_type: { type: "string" },
                search_term: { type: "string" },
                error: { type: "string" },
                paths: { type: "array", items: pathResult },
              },
              required: ["root_type", "search_term", "paths"],
            },
          },
        },
        required: ["results"],
      },
    },
    {
      key: "submit_workflow",
      name: "submit_workflow",
      description:
        "Submit the complete workflow as Python (one @workflow function). " +
        'Answers status "valid", or "invalid" with the diagnostics to fix (line and column refer to your Python); fix them and submit the whole program again.',
      parameters: {
        type: "object",
        properties: {
          python: {
            type: "string",
            description: "The whole workflow program, without Markdown fences.",
            minLength: 1,
          },
        },
        required: ["python"],
      },
      response: {
        type: "object",
        properties: {
          status: { type: "string", enum: ["valid", "invalid"] },
          diagnostics: { type: "array", items: compactDiagnostic },
        },
        required: ["status", "diagnostics"],
      },
    },
  ],
};
