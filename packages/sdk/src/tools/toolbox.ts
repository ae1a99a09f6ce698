import {
  InternalError,
  jsonToValue,
  parseJson,
  type Catalog,
  renderDiagnosticsForModel,
  type CatalogTask,
  type Compiler,
  type Diagnostic,
  type TaskType,
} from "@flowpy/transpiler";
import type {
  JsonValue,
  ToolDefinition,
} from "../conversation/chat-message.js";
import {
  toolArgumentsLayout,
  toolResponseLayout,
  writeJson,
} from "./canonical-json.js";
import { indexesFor, type ToolIndexes } from "./tool-indexes.js";
import {
  conformToSchema,
  isPlainObject,
  validateBySchema,
  type SchemaIssue,
} from "./json-schema.js";
import {
  camelCase,
  openAiTools,
  toolByKey,
  type ResolvedToolSet,
} from "./resolve-tool-set.js";
import { emptyShop, isInstalled, type ShopContext } from "./task-search.js";
import type { ToolKey } from "./tool-set-definition.js";

export interface ToolboxOptions {
  readonly toolSet: ResolvedToolSet;
  readonly catalog: Catalog;
  readonly shop?: ShopContext;
  /** The transpiler's compiler made for `catalog`; `submit_workflow` answers with its verdict. */
  readonly compiler: Compiler;
  /** Prebuilt indexes of `catalog` (used only when built for it and the tool set's path depth). */
  readonly indexes?: ToolIndexes;
}

/** The answer to one tool call: always a tool message content, never an exception. */
export type ToolAnswer =
  | {
      readonly kind: "answered";
      readonly key: ToolKey;
      readonly content: string;
      /** The response before serialisation (snake_case keys, documented order). */
      readonly value: JsonValue;
    }
  | {
      readonly kind: "rejected";
      readonly key: ToolKey | null;
      readonly content: string;
      readonly issues: readonly SchemaIssue[];
    };

/** The executors of one resolved tool set over one catalog and shop. */
export interface Toolbox {
  readonly toolSet: ResolvedToolSet;
  readonly catalog: Catalog;
  readonly shop: ShopContext;
  readonly compiler: Compiler;
  /** The OpenAI `tools` array this toolbox answers. */
  readonly tools: readonly ToolDefinition[];
  keyOf(name: string): ToolKey | undefined;
  nameOf(key: ToolKey): string;
  /** Runs a call exactly as the model wrote it: the name and the arguments text. */
  call(name: string, argumentsText: string): ToolAnswer;
  /** Canonical arguments text for a call (parameter order, Python `json.dumps` layout). */
  writeArguments(key: ToolKey, args: JsonValue): string;
}

interface TaskSearchArgs {
  readonly search_queries: readonly string[];
  readonly task_type?: string;
}
interface TaskConfigurationArgs {
  readonly tasks: readonly { readonly id: string; readonly version: string }[];
}
interface PathSearchArgs {
  readonly searches: readonly {
    readonly root_type: string;
    readonly search_term: string;
  }[];
  readonly data_type_filter?: "ALL" | "LIST";
}
interface SubmitArgs {
  readonly python: string;
}

interface ArgsByKey {
  readonly task_search: TaskSearchArgs;
  readonly task_configuration: TaskConfigurationArgs;
  readonly environment_paths_search: PathSearchArgs;
  readonly submit_workflow: SubmitArgs;
}

export function createToolbox(options: ToolboxOptions): Toolbox {
  const { toolSet, catalog } = options;
  const shop = options.shop ?? emptyShop;
  const { compiler } = options;
  const indexes = indexesFor(
    catalog,
    toolSet.limits.pathDepth,
    options.indexes,
  );
  const taskIndex = indexes.tasks;
  const pathIndex = indexes.paths;
  const byName = new Map(toolSet.tools.map((t) => [t.name, t.key]));
  const nameOf = (key: ToolKey): string => toolByKey(toolSet, key).name;

  const handlers: { [K in ToolKey]: (args: ArgsByKey[K]) => JsonValue } = {
    task_search: (args) => ({
      results: uniqueStrings(args.search_queries).map((query) => ({
        query,
        tasks: taskIndex
          .search(query, {
            ...(args.task_type === undefined
              ? {}
              : { taskType: args.task_type.toUpperCase() as TaskType }),
            limit: toolSet.limits.searchResultsPerQuery,
            shop,
          })
          .map((t) => taskSummary(t, shop)),
      })),
    }),
    task_configuration: (args) => ({
      tasks: args.tasks.map(({ id, version }) => {
        const task = catalog.task(id, version);
        if (task !== undefined) return taskDetail(task);
        const other = catalog.task(id);
        return {
          id,
          version,
          error:
            other === undefined
              ? `unknown task id; find tasks with ${nameOf("task_search")}`
              : `no version ${version} of this task; available: ${versionsOf(catalog, other.id).join(", ")}`,
        };
      }),
    }),
    environment_paths_search: (args) => ({
      results: args.searches.map(({ root_type, search_term }) => {
        const found = pathIndex.search(root_type, search_term, {
          listsOnly: args.data_type_filter === "LIST",
          limit: toolSet.limits.pathResultsPerSearch,
        });
        return found === undefined
          ? {
              root_type,
              search_term,
              error: `unknown root type; use one of ${pathIndex.rootTypes.join(", ")}`,
              paths: [],
            }
          : {
              root_type,
              search_term,
              paths: found.map((p) => ({
                path: p.path,
                category: p.category,
                type: p.type,
              })),
            };
      }),
    }),
    submit_workflow: (args) => {
      const compiled = compiler.compile(args.python);
      return {
        status: compiled.ok ? "valid" : "invalid",
        // The model sees exactly what the serving agent sends back: the transpiler's own
        // model format is the one source of the diagnostic fields and their order.
        diagnostics: JSON.parse(
          renderDiagnosticsForModel(compiled.diagnostics),
        ) as JsonValue,
      };
    },
  };

  const reject = (
    key: ToolKey | null,
    issues: readonly SchemaIssue[],
  ): ToolAnswer => ({
    kind: "rejected",
    key,
    issues,
    content: writeJson(
      conformToSchema(
        restyleKeys({ errors: issues.map((i) => ({ ...i })) }, toolSet),
        toolSet.errorResponse,
      ),
      toolResponseLayout,
    ),
  });

  const run = <K extends ToolKey>(key: K, args: JsonValue): JsonValue =>
    // validateBySchema has checked `args` against this tool's parameters, which are
    // exactly the shape of ArgsByKey[K].
    handlers[key](args as unknown as ArgsByKey[K]);

  return {
    toolSet,
    catalog,
    shop,
    compiler,
    tools: openAiTools(toolSet),
    keyOf: (name) => byName.get(name),
    nameOf,
    call(name, argumentsText) {
      const key = byName.get(name);
      if (key === undefined)
        return reject(null, [
          {
            path: "$",
            message: `unknown tool ${JSON.stringify(name)}; available: ${toolSet.tools.map((t) => t.name).join(", ")}`,
          },
        ]);
      const parsed = parseArguments(argumentsText);
      if (!parsed.ok) return reject(key, parsed.issues);
      const tool = toolByKey(toolSet, key);
      const issues = validateBySchema(parsed.value, tool.parameters);
      if (issues.length > 0) return reject(key, issues);
      const value = run(key, parsed.value);
      return {
        kind: "answered",
        key,
        value,
        content: writeJson(
          conformToSchema(restyleKeys(value, toolSet), tool.response),
          toolResponseLayout,
        ),
      };
    },
    writeArguments(key, args) {
      const tool = toolByKey(toolSet, key);
      const issues = validateBySchema(args, tool.parameters);
      if (issues.length > 0)
        throw new InternalError(
          `arguments built for ${key} do not fit its parameters: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
        );
      return writeJson(
        conformToSchema(args, tool.parameters),
        toolArgumentsLayout,
      );
    },
  };
}

function parseArguments(
  text: string,
):
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly issues: readonly SchemaIssue[] } {
  // parseJson rejects duplicate keys, which JSON.parse would silently resolve to the last.
  const parsed = parseJson(text, { spans: false });
  if (!parsed.ok)
    return {
      ok: false,
      issues: parsed.diagnostics.map((d: Diagnostic) => ({
        path: "$",
        message: `arguments are not valid JSON: ${d.message}`,
      })),
    };
  const value = jsonToValue(parsed.value);
  return isPlainObject(value)
    ? { ok: true, value }
    : {
        ok: false,
        issues: [{ path: "$", message: "arguments must be a JSON object" }],
      };
}

function uniqueStrings(items: readonly string[]): readonly string[] {
  return [...new Set(items)];
}

function versionsOf(catalog: Catalog, id: string): readonly string[] {
  return catalog.data.tasks.filter((t) => t.id === id).map((t) => t.version);
}

function taskSummary(task: CatalogTask, shop: ShopContext): JsonValue {
  return {
    id: task.id,
    version: task.version,
    task_type: task.task_type,
    label: task.label,
    description: task.description,
    publisher: task.publisher,
    installed: isInstalled(task, shop),
  };
}

function taskDetail(task: CatalogTask): JsonValue {
  return {
    id: task.id,
    version: task.version,
    task_type: task.task_type,
    label: task.label,
    ...(task.input_port_id === null
      ? {}
      : { input_port_id: task.input_port_id }),
    output_port_ids: [...task.output_port_ids],
    ...(task.output_variable === undefined
      ? {}
      : { output_variable: task.output_variable }),
    config_fields: task.config_fields.map((f) => ({
      id: f.id,
      label: f.label,
      description: f.description,
      type: f.type,
      required: f.required,
      supports_liquid: f.supports_liquid,
      ...(f.options === undefined ? {} : { options: [...f.options] }),
      ...(f.hidden === true ? { hidden: true } : {}),
      ...(f.default_path === undefined ? {} : { default_path: f.default_path }),
    })),
    return_fields: task.return_fields.map((f) => ({
      name: f.name,
      type: f.type,
      is_list: f.is_list,
      ...(f.description === undefined ? {} : { description: f.description }),
    })),
  };
}

/** Response values are built in snake_case; a camelCase deployment renames every key. */
function restyleKeys(value: JsonValue, toolSet: ResolvedToolSet): JsonValue {
  if (toolSet.responseKeyStyle === "snake_case") return value;
  if (Array.isArray(value))
    return (value as readonly JsonValue[]).map((v) => restyleKeys(v, toolSet));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      camelCase(k),
      restyleKeys(v, toolSet),
    ]),
  );
}
