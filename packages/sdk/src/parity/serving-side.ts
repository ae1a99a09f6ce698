import { z } from "zod";
import {
  parseJson,
  type Diagnostic,
  type JsonNode,
  type Result,
} from "@flowpy/transpiler";
import type {
  ChatMessage,
  ToolCall,
  ToolDefinition,
} from "../conversation/chat-message.js";
import type { GenerationConfig } from "../dataset/dataset-row.js";
import { pythonNumberLexeme } from "../render/python-json.js";
import { sdkCodes } from "../sdk-codes.js";

/** Sampling settings the serving side states; absent keys fall back to the server's defaults. */
export type ServingGeneration = Partial<GenerationConfig>;

interface ServingCommon {
  /** The OpenAI tools as served. A missing description or schema is `null`, as vLLM renders it. */
  readonly tools: readonly ToolDefinition[];
  /** `chat_template_kwargs.enable_thinking`; absent means the template's default (thinking on). */
  readonly enableThinking: boolean | undefined;
  readonly generation: ServingGeneration;
  /** The template text the server renders with, when known (request `chat_template`, a flag). */
  readonly chatTemplate: string | undefined;
  /**
   * Numbers in the served tools whose spelling in the file makes Python print them
   * differently from the parsed value (`1.0` stays `1.0` in Python but is the number 1 here).
   */
  readonly numberSpellings: readonly NumberSpelling[];
}

export interface NumberSpelling {
  readonly path: string;
  /** What the server prints for the served lexeme. */
  readonly served: string;
  /** What the number prints as once read as a JavaScript value. */
  readonly asValue: string;
}

/** Walks the served file's `tools` losslessly, since JSON.parse forgets how numbers were written. */
function numberSpellings(json: string): NumberSpelling[] {
  const parsed = parseJson(json, { spans: false });
  if (!parsed.ok || parsed.value.kind !== "object") return [];
  const tools = parsed.value.entries.find((e) => e.key === "tools")?.value;
  const out: NumberSpelling[] = [];
  const walk = (node: JsonNode, path: string): void => {
    switch (node.kind) {
      case "number": {
        const served = pythonNumberLexeme(node.raw);
        const asValue = pythonNumberLexeme(JSON.stringify(Number(node.raw)));
        if (served !== asValue) out.push({ path, served, asValue });
        return;
      }
      case "array":
        node.items.forEach((n, i) => walk(n, `${path}[${i}]`));
        return;
      case "object":
        for (const e of node.entries) walk(e.value, `${path}.${e.key}`);
        return;
      default:
        return;
    }
  };
  if (tools !== undefined) walk(tools, "tools");
  return out;
}

/**
 * What the serving side sends: a captured chat-completions request body, or the served
 * tool-set definition with its system prompt (and, optionally, sample tool responses).
 */
export type ServingSide =
  | (ServingCommon & {
      readonly kind: "request";
      readonly messages: readonly ChatMessage[];
    })
  | (ServingCommon & {
      readonly kind: "definition";
      /** `null` when the agent sends no system message. */
      readonly systemPrompt: string | null;
      /** Sample answers per tool name, to compare response formatting. */
      readonly toolResponses: Readonly<Record<string, readonly string[]>>;
    });

const contentPart = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
});
const content = z
  .union([z.string(), z.null(), z.array(contentPart)])
  .optional();

const wireCall = z.looseObject({
  id: z.string().optional(),
  type: z.literal("function").optional(),
  function: z.looseObject({
    name: z.string(),
    arguments: z
      .union([z.string(), z.record(z.string(), z.unknown()), z.null()])
      .optional(),
  }),
});

const wireMessage = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content,
  reasoning: z.string().nullable().optional(),
  reasoning_content: z.string().nullable().optional(),
  tool_calls: z.array(wireCall).nullable().optional(),
  tool_call_id: z.string().optional(),
});

const wireTool = z.looseObject({
  type: z.literal("function").optional(),
  function: z.looseObject({
    name: z.string(),
    description: z.string().nullable().optional(),
    parameters: z.record(z.string(), z.unknown()).nullable().optional(),
  }),
});

const generationKeys = {
  temperature: z.number().optional(),
  top_p: z.number().optional(),
  top_k: z.number().optional(),
  min_p: z.number().optional(),
  presence_penalty: z.number().optional(),
};

const requestBody = z.looseObject({
  messages: z.array(wireMessage),
  tools: z.array(wireTool).optional(),
  chat_template: z.string().optional(),
  chat_template_kwargs: z
    .looseObject({ enable_thinking: z.boolean().optional() })
    .optional(),
  ...generationKeys,
});

const definitionFile = z.strictObject({
  tools: z.array(wireTool),
  system_prompt: z.string().nullable(),
  chat_template: z.string().optional(),
  enable_thinking: z.boolean().optional(),
  generation_config: z.strictObject(generationKeys).optional(),
  tool_responses: z.record(z.string(), z.array(z.string())).optional(),
});

/** vLLM flattens content-part arrays to their text; `null` content is the empty string. */
function text(c: z.infer<typeof content>): string {
  if (c === undefined || c === null) return "";
  if (typeof c === "string") return c;
  return c.flatMap((p) => (p.text === undefined ? [] : [p.text])).join("\n");
}

function toolDefinition(t: z.infer<typeof wireTool>): ToolDefinition {
  // vLLM renders a missing description or schema as null; the renderer passes null through
  // to the template unchanged, so the cast only widens what the type admits.
  return {
    type: "function",
    function: {
      name: t.function.name,
      description: t.function.description ?? null,
      parameters: t.function.parameters ?? null,
    },
  } as unknown as ToolDefinition;
}

function chatMessage(
  m: z.infer<typeof wireMessage>,
  index: number,
): ChatMessage {
  switch (m.role) {
    case "system":
    case "developer":
      return { role: "system", content: text(m.content) };
    case "user":
      return { role: "user", content: text(m.content) };
    case "tool":
      return {
        role: "tool",
        tool_call_id: m.tool_call_id ?? "",
        content: text(m.content),
      };
    case "assistant": {
      // vLLM copies the newer `reasoning` field to the template's `reasoning_content`.
      const reasoning = m.reasoning ?? m.reasoning_content ?? undefined;
      const calls: ToolCall[] | undefined = m.tool_calls?.map((c, j) => ({
        id: c.id ?? `call_${index}_${j}`,
        type: "function",
        function: {
          name: c.function.name,
          arguments:
            typeof c.function.arguments === "string"
              ? c.function.arguments
              : JSON.stringify(c.function.arguments ?? {}),
        },
      }));
      return {
        role: "assistant",
        content: text(m.content),
        ...(reasoning !== undefined ? { reasoning_content: reasoning } : {}),
        ...(calls !== undefined && calls.length > 0
          ? { tool_calls: calls }
          : {}),
      };
    }
  }
}

function generation(g: {
  readonly [K in keyof GenerationConfig]?: number | undefined;
}): ServingGeneration {
  const out: { -readonly [K in keyof GenerationConfig]?: number } = {};
  for (const key of [
    "temperature",
    "top_p",
    "top_k",
    "min_p",
    "presence_penalty",
  ] as const) {
    const v = g[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * Reads the serving side from JSON text: an object with `messages` is a chat-completions
 * request body; one with `system_prompt` and `tools` is a served definition.
 */
export function readServingSide(
  json: string,
  chatTemplate?: string,
): Result<ServingSide> {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    return invalid(`the serving file is not JSON: ${(e as Error).message}`);
  }
  if (typeof value === "object" && value !== null && "messages" in value) {
    const body = requestBody.safeParse(value);
    if (!body.success)
      return invalid(`not a chat-completions request: ${issue(body.error)}`);
    const b = body.data;
    return {
      ok: true,
      value: {
        kind: "request",
        messages: b.messages.map(chatMessage),
        tools: (b.tools ?? []).map(toolDefinition),
        enableThinking: b.chat_template_kwargs?.enable_thinking,
        generation: generation(b),
        chatTemplate: chatTemplate ?? b.chat_template,
        numberSpellings: numberSpellings(json),
      },
      diagnostics: [],
    };
  }
  const def = definitionFile.safeParse(value);
  if (!def.success)
    return invalid(
      `neither a chat-completions request (no "messages") nor a served definition: ${issue(def.error)}`,
    );
  const d = def.data;
  return {
    ok: true,
    value: {
      kind: "definition",
      tools: d.tools.map(toolDefinition),
      systemPrompt: d.system_prompt,
      toolResponses: d.tool_responses ?? {},
      enableThinking: d.enable_thinking,
      generation: generation(d.generation_config ?? {}),
      chatTemplate: chatTemplate ?? d.chat_template,
      numberSpellings: numberSpellings(json),
    },
    diagnostics: [],
  };
}

function issue(e: z.ZodError): string {
  const first = e.issues[0];
  return first === undefined ? "" : `${first.path.join(".")}: ${first.message}`;
}

function invalid<T>(message: string): Result<T> {
  const d: Diagnostic = {
    code: sdkCodes.datasetInvalidRow,
    severity: "error",
    message,
  };
  return { ok: false, diagnostics: [d] };
}
