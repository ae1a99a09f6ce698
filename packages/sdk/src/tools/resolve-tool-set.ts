import { z } from "zod";
import { InternalError } from "@flowpy/transpiler";
import type { Diagnostic, Result } from "@flowpy/transpiler";
import type { ToolDefinition } from "../conversation/chat-message.js";
import type { JsonValue } from "../conversation/chat-message.js";
import { writeJson, toolResponseLayout } from "./canonical-json.js";
import {
  schemaToJson,
  type JsonSchema,
  type ObjectSchema,
} from "./json-schema.js";
import { sdkCodes } from "../sdk-codes.js";
import {
  toolKeys,
  toolSetDefinition,
  type ToolKey,
  type ToolLimits,
  type ToolSetDefinition,
} from "./tool-set-definition.js";
import { sha256Hex } from "../sha256-hex.js";

/** Names the Qwen3 template splices raw into `<tool_call>` JSON must stay plain (Gotcha G5). */
const toolName = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "tool names are 1-64 of A-Z a-z 0-9 _ -");

const toolOverride = z.strictObject({
  name: toolName.optional(),
  description: z.string().min(1).optional(),
});

const positive = z.int().min(1).max(100);

/**
 * What one deployment may change about the tool set. Everything here reaches the model,
 * so the overlay is part of the resolved tool set's hash.
 */
export const deploymentOverlaySchema = z.strictObject({
  /** A label for the deployment (reported by parity checks, hashed). */
  deployment: z.string().min(1),
  tools: z
    .strictObject(
      Object.fromEntries(toolKeys.map((k) => [k, toolOverride.optional()])) as {
        [K in ToolKey]: z.ZodOptional<typeof toolOverride>;
      },
    )
    .optional(),
  /** Key spelling in tool responses; argument keys are never restyled. */
  response_key_style: z.enum(["snake_case", "camelCase"]).optional(),
  limits: z
    .strictObject({
      searchQueries: positive.optional(),
      searchResultsPerQuery: positive.optional(),
      configurationTasks: positive.optional(),
      pathSearches: positive.optional(),
      pathResultsPerSearch: positive.optional(),
      pathDepth: positive.optional(),
    })
    .optional(),
});

export type DeploymentOverlay = z.input<typeof deploymentOverlaySchema>;
export type ResponseKeyStyle = "snake_case" | "camelCase";

/** The overlay of the default deployment: the definition as written. */
export const defaultOverlay: DeploymentOverlay = { deployment: "default" };

/** Shopify's Flow gateway spells the tools `flow_app_agent_*` (SPEC §h.2). */
export const flowGatewayOverlay: DeploymentOverlay = {
  deployment: "flow-gateway",
  tools: {
    task_search: { name: "flow_app_agent_task_search" },
    task_configuration: { name: "flow_app_agent_task_configuration" },
    environment_paths_search: {
      name: "flow_app_agent_environment_paths_search",
    },
    submit_workflow: { name: "flow_app_agent_submit_workflow" },
  },
};

export interface ResolvedTool {
  readonly key: ToolKey;
  readonly name: string;
  readonly description: string;
  readonly parameters: ObjectSchema;
  /** Response schema with the deployment's key style applied. */
  readonly response: ObjectSchema;
}

/** The tool set one deployment serves and trains on. */
export interface ResolvedToolSet {
  readonly version: string;
  readonly deployment: string;
  readonly responseKeyStyle: ResponseKeyStyle;
  readonly limits: ToolLimits;
  readonly tools: readonly ResolvedTool[];
  readonly errorResponse: ObjectSchema;
  /** sha256 of the definition as written (before any overlay). */
  readonly definitionHash: string;
  /** sha256 of the normalised overlay. */
  readonly overlayHash: string;
  /** sha256 of everything above: equal hashes mean the model sees identical tools. */
  readonly hash: string;
}

/** Applies a deployment overlay to the versioned definition; a bad overlay is reported, not thrown. */
export function resolveToolSet(
  overlay: unknown = defaultOverlay,
  definition: ToolSetDefinition = toolSetDefinition,
): Result<ResolvedToolSet> {
  const parsed = deploymentOverlaySchema.safeParse(overlay);
  if (!parsed.success)
    return {
      ok: false,
      diagnostics: parsed.error.issues.map((issue): Diagnostic => ({
        code: sdkCodes.toolOverlayInvalid,
        severity: "error",
        message: issue.message,
        path: issue.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
      })),
    };
  const o = parsed.data;
  const style: ResponseKeyStyle = o.response_key_style ?? "snake_case";
  const limits: ToolLimits = {
    ...definition.limits,
    ...Object.fromEntries(
      Object.entries(o.limits ?? {}).filter((e) => e[1] !== undefined),
    ),
  };
  const names = new Map<ToolKey, string>(
    definition.tools.map((t) => [t.key, o.tools?.[t.key]?.name ?? t.name]),
  );
  const seen = new Map<string, ToolKey>();
  const clashes: Diagnostic[] = [];
  for (const [key, name] of names) {
    const other = seen.get(name);
    if (other !== undefined)
      clashes.push({
        code: sdkCodes.toolOverlayInvalid,
        severity: "error",
        message: `tools ${other} and ${key} would both be called ${name}`,
        path: ["tools", key, "name"],
      });
    seen.set(name, key);
  }
  if (clashes.length > 0) return { ok: false, diagnostics: clashes };

  const tools = definition.tools.map((t): ResolvedTool => {
    const description = (
      o.tools?.[t.key]?.description ?? t.description
    ).replace(
      /\{([a-z_]+)\}/g,
      (whole, key: string) => names.get(key as ToolKey) ?? whole,
    );
    return {
      key: t.key,
      name: names.get(t.key) ?? t.name,
      description,
      parameters: withLimits(t.parameters, limits),
      response: restyle(t.response, style),
    };
  });
  const errorResponse = restyle(definition.errorResponse, style);
  const definitionHash = sha256Hex(
    writeJson(definitionJson(definition), toolResponseLayout),
  );
  const overlayHash = sha256Hex(writeJson(overlayJson(o), toolResponseLayout));
  const body = {
    version: definition.version,
    deployment: o.deployment,
    responseKeyStyle: style,
    limits,
    tools,
    errorResponse,
  };
  const hash = sha256Hex(
    writeJson(
      {
        version: body.version,
        deployment: body.deployment,
        response_key_style: style,
        limits: limitsJson(limits),
        tools: tools.map((t) => ({
          name: t.name,
          description: t.description,
          parameters: schemaToJson(t.parameters),
          response: schemaToJson(t.response),
        })),
        error_response: schemaToJson(errorResponse),
      },
      toolResponseLayout,
    ),
  );
  return {
    ok: true,
    diagnostics: [],
    value: { ...body, definitionHash, overlayHash, hash },
  };
}

/** The OpenAI `tools` array, in the definition's order (tool order is part of the prompt). */
export function openAiTools(
  toolSet: ResolvedToolSet,
): readonly ToolDefinition[] {
  return toolSet.tools.map((t) => ({
    type: "function",
    function: {
      name: t.name,
      description: t.description,
      parameters: schemaToJson(t.parameters),
    },
  }));
}

export function toolByKey(
  toolSet: ResolvedToolSet,
  key: ToolKey,
): ResolvedTool {
  const tool = toolSet.tools.find((t) => t.key === key);
  // Every resolved set is built from a definition listing all keys.
  if (tool === undefined) throw new InternalError(`tool set lacks ${key}`);
  return tool;
}

/** Deployment limits replace the definition's `maxItems`, so the schema states what is enforced. */
function withLimits(schema: ObjectSchema, limits: ToolLimits): ObjectSchema {
  const cap: Readonly<Record<string, number>> = {
    search_queries: limits.searchQueries,
    tasks: limits.configurationTasks,
    searches: limits.pathSearches,
  };
  return {
    ...schema,
    properties: Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => {
        const max = cap[k];
        return [
          k,
          v.type === "array" && max !== undefined ? { ...v, maxItems: max } : v,
        ];
      }),
    ),
  };
}

function restyle<S extends JsonSchema>(schema: S, style: ResponseKeyStyle): S;
function restyle(schema: JsonSchema, style: ResponseKeyStyle): JsonSchema {
  if (style === "snake_case") return schema;
  switch (schema.type) {
    case "object":
      return {
        ...schema,
        properties: Object.fromEntries(
          Object.entries(schema.properties).map(([k, v]) => [
            camelCase(k),
            restyle(v, style),
          ]),
        ),
        required: schema.required.map(camelCase),
      };
    case "array":
      return { ...schema, items: restyle(schema.items, style) };
    default:
      return schema;
  }
}

export function camelCase(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function limitsJson(limits: ToolLimits): JsonValue {
  return {
    search_queries: limits.searchQueries,
    search_results_per_query: limits.searchResultsPerQuery,
    configuration_tasks: limits.configurationTasks,
    path_searches: limits.pathSearches,
    path_results_per_search: limits.pathResultsPerSearch,
    path_depth: limits.pathDepth,
  };
}

function definitionJson(d: ToolSetDefinition): JsonValue {
  return {
    version: d.version,
    limits: limitsJson(d.limits),
    tools: d.tools.map((t) => ({
      key: t.key,
      name: t.name,
      description: t.description,
      parameters: schemaToJson(t.parameters),
      response: schemaToJson(t.response),
    })),
    error_response: schemaToJson(d.errorResponse),
  };
}

function overlayJson(o: z.output<typeof deploymentOverlaySchema>): JsonValue {
  const tools = toolKeys.flatMap((k): [string, JsonValue][] => {
    const t = o.tools?.[k];
    if (t === undefined) return [];
    return [
      [
        k,
        {
          ...(t.name === undefined ? {} : { name: t.name }),
          ...(t.description === undefined
            ? {}
            : { description: t.description }),
        },
      ],
    ];
  });
  const limits = Object.entries(o.limits ?? {})
    .filter((e): e is [string, number] => e[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    deployment: o.deployment,
    tools: Object.fromEntries(tools),
    response_key_style: o.response_key_style ?? "snake_case",
    limits: Object.fromEntries(limits),
  };
}
