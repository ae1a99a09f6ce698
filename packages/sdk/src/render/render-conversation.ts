import type { Diagnostic, JsonPath, Result } from "@flowpy/transpiler";
import type {
  ChatMessage,
  Conversation,
  JsonValue,
  ToolDefinition,
} from "../conversation/chat-message.js";
import { pinnedQwen3Template, type ChatTemplate } from "./chat-template.js";
import {
  pythonJsonFromText,
  pythonJsonFromValue,
  pythonSpellingMismatch,
} from "./python-json.js";
import { sdkCodes } from "../sdk-codes.js";

export interface RenderOptions {
  /** Qwen3 thinking mode; `false` is sent as `chat_template_kwargs: {enable_thinking: false}`. */
  readonly enableThinking: boolean;
  /** Append the assistant header the model continues from (a serving prompt), or not (a training row). */
  readonly addGenerationPrompt: boolean;
}

/** Messages and tools in exactly the shape vLLM hands to the chat template. */
export interface TemplateInput {
  readonly messages: readonly TemplateMessage[];
  readonly tools: readonly TemplateTool[];
  /** Each tool as the template's `tojson` prints it (one line of the `<tools>` block). */
  readonly toolLines: readonly string[];
}

export type TemplateMessage =
  | { readonly role: "system" | "user" | "tool"; readonly content: string }
  | {
      readonly role: "assistant";
      readonly content: string;
      readonly reasoning_content?: string;
      readonly tool_calls?: readonly {
        readonly type: "function";
        readonly function: {
          readonly name: string;
          readonly arguments: string;
        };
      }[];
    };

export interface TemplateTool {
  readonly type: "function";
  readonly function: {
    readonly name: string;
    readonly description: string;
    readonly parameters: { readonly [key: string]: JsonValue };
  };
}

const toolNamePattern = /^[A-Za-z0-9_-]+$/;
const loneSurrogate =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Normalises a conversation the way vLLM does before templating, so this renderer and the
 * server print the same bytes:
 * - tools are rebuilt as `{type, function: {name, description, parameters}}` in that key
 *   order (vLLM's `model_dump` order); their numbers must print the same in JavaScript and
 *   Python (`render-float-spelling` otherwise: only non-integral values below 1e-4 differ);
 * - tool-call `arguments` are parsed and printed as Python's `tojson` would (vLLM
 *   `json.loads` them and the template prints them with `tojson`); empty arguments are `{}`;
 *   the result goes to the template as a string, which it inserts verbatim;
 * - tool-call ids and tool-message ids are dropped: the template never prints them.
 */
export function templateInput(conv: Conversation): Result<TemplateInput> {
  return assembleInput(conv, prepareTools(conv.tools));
}

/** A conversation's tools as the template reads them, with what kept any of them out. */
interface PreparedTools {
  readonly tools: readonly TemplateTool[];
  readonly toolLines: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

function prepareTools(tools: readonly ToolDefinition[]): PreparedTools {
  const diagnostics: Diagnostic[] = [];
  const prepared: TemplateTool[] = [];
  const toolLines: string[] = [];
  for (const [i, tool] of tools.entries()) {
    const one = prepareTool(tool, ["tools", i], diagnostics);
    if (one === undefined) continue;
    prepared.push(one.tool);
    toolLines.push(one.line);
  }
  return { tools: prepared, toolLines, diagnostics };
}

function assembleInput(
  conv: Conversation,
  tools: PreparedTools,
): Result<TemplateInput> {
  const diagnostics: Diagnostic[] = [];
  // The template reads messages[0]; Python's jinja2 raises on an empty list, JavaScript's does not.
  if (conv.messages.length === 0)
    diagnostics.push({
      code: sdkCodes.renderTemplateError,
      severity: "error",
      message: "a conversation needs at least one message",
      path: ["messages"],
    });
  diagnostics.push(...tools.diagnostics);
  const messages: TemplateMessage[] = [];
  for (const [i, message] of conv.messages.entries()) {
    const prepared = prepareMessage(message, ["messages", i], diagnostics);
    if (prepared !== undefined) messages.push(prepared);
  }
  return diagnostics.length > 0
    ? { ok: false, diagnostics }
    : {
        ok: true,
        value: { messages, tools: tools.tools, toolLines: tools.toolLines },
        diagnostics: [],
      };
}

/** Prepares conversations for the template (`templateInput`'s contract). */
export type TemplateInputPreparer = (
  conv: Conversation,
) => Result<TemplateInput>;

/**
 * `templateInput` that prepares each distinct tools array once: a dataset's rows share one
 * tool set, whose schemas would otherwise be checked and printed again for every row. The
 * memory belongs to the returned function (make one per build) and holds at most
 * `maxToolSets` tool sets; when full it starts over, which changes only the speed. Tools are
 * known by their JSON text, so only tools that are plain JSON (no -0, non-finite numbers,
 * `undefined` or non-plain objects, which that text would not tell apart) are remembered.
 */
export function cachingTemplateInput(maxToolSets = 8): TemplateInputPreparer {
  let known = new Map<string, PreparedTools>();
  return (conv) => {
    if (!plainJson(conv.tools)) return templateInput(conv);
    const key = JSON.stringify(conv.tools);
    let tools = known.get(key);
    if (tools === undefined) {
      // From a private copy (exact for plain JSON), so no caller's later edit reaches it.
      tools = prepareTools(JSON.parse(key) as ToolDefinition[]);
      if (known.size >= maxToolSets) known = new Map();
      if (maxToolSets > 0) known.set(key, tools);
    }
    return assembleInput(conv, tools);
  };
}

/** Whether `JSON.stringify` writes this value exactly, so equal texts mean equal values. */
function plainJson(value: unknown): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(value) && !Object.is(value, -0);
    case "object": {
      if (value === null) return true;
      // An index loop, not `every`: a hole in an array is `undefined`, which `every` skips.
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++)
          if (!plainJson(value[i])) return false;
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      return Object.values(value).every(plainJson);
    }
    default:
      return false;
  }
}

function prepareTool(
  tool: ToolDefinition,
  path: JsonPath,
  diagnostics: Diagnostic[],
): { readonly tool: TemplateTool; readonly line: string } | undefined {
  const { name, description, parameters } = tool.function;
  checkName(name, [...path, "function", "name"], diagnostics);
  const canonical: TemplateTool = {
    type: "function",
    function: { name, description, parameters },
  };
  const value = canonical as unknown as JsonValue;
  const mismatch = pythonSpellingMismatch(value, path);
  if (mismatch !== undefined) {
    diagnostics.push({
      code: sdkCodes.renderFloatSpelling,
      severity: "error",
      message: `the number ${mismatch.js} would render as ${mismatch.js} here but as ${mismatch.python} on the Python server`,
      hint: "Tool schemas must avoid non-integral numbers below 1e-4; write them as strings or scale the unit.",
      path: mismatch.path,
    });
    return undefined;
  }
  const line = pythonJsonFromValue(value, path);
  if (!line.ok) {
    diagnostics.push(...line.diagnostics);
    return undefined;
  }
  return { tool: canonical, line: line.value };
}

function prepareMessage(
  message: ChatMessage,
  path: JsonPath,
  diagnostics: Diagnostic[],
): TemplateMessage | undefined {
  checkText(message.content, [...path, "content"], diagnostics);
  switch (message.role) {
    case "system":
    case "user":
    case "tool":
      return { role: message.role, content: message.content };
    case "assistant": {
      if (message.reasoning_content !== undefined)
        checkText(
          message.reasoning_content,
          [...path, "reasoning_content"],
          diagnostics,
        );
      const calls: {
        readonly type: "function";
        readonly function: {
          readonly name: string;
          readonly arguments: string;
        };
      }[] = [];
      for (const [j, call] of (message.tool_calls ?? []).entries()) {
        const callPath: JsonPath = [...path, "tool_calls", j, "function"];
        checkName(call.function.name, [...callPath, "name"], diagnostics);
        const text =
          call.function.arguments.trim() === ""
            ? "{}"
            : call.function.arguments;
        const args = pythonJsonFromText(text, [...callPath, "arguments"]);
        if (!args.ok) diagnostics.push(...args.diagnostics);
        else
          calls.push({
            type: "function",
            function: { name: call.function.name, arguments: args.value },
          });
      }
      return {
        role: "assistant",
        content: message.content,
        ...(message.reasoning_content !== undefined
          ? { reasoning_content: message.reasoning_content }
          : {}),
        ...(message.tool_calls !== undefined ? { tool_calls: calls } : {}),
      };
    }
  }
}

function checkName(
  name: string,
  path: JsonPath,
  diagnostics: Diagnostic[],
): void {
  if (!toolNamePattern.test(name))
    diagnostics.push({
      code: sdkCodes.renderToolName,
      severity: "error",
      message: `tool name ${JSON.stringify(name)} is not made of [A-Za-z0-9_-]`,
      hint: "The template splices names raw into the tool-call JSON; keep them to letters, digits, _ and -.",
      path,
    });
}

function checkText(
  text: string,
  path: JsonPath,
  diagnostics: Diagnostic[],
): void {
  if (loneSurrogate.test(text))
    diagnostics.push({
      code: sdkCodes.renderLoneSurrogate,
      severity: "error",
      message:
        "the text holds a lone UTF-16 surrogate, which cannot be encoded as UTF-8",
      path,
    });
}

/** Renders already normalised template input; template failures become diagnostics. */
export function renderTemplateInput(
  input: Pick<TemplateInput, "messages" | "tools">,
  options: RenderOptions,
  template: ChatTemplate = pinnedQwen3Template(),
): Result<string> {
  try {
    const text = template.template.render({
      messages: input.messages,
      ...(input.tools.length > 0 ? { tools: input.tools } : {}),
      add_generation_prompt: options.addGenerationPrompt,
      enable_thinking: options.enableThinking,
    });
    return { ok: true, value: text, diagnostics: [] };
  } catch (e) {
    return {
      ok: false,
      diagnostics: [
        {
          code: sdkCodes.renderTemplateError,
          severity: "error",
          message: `the chat template failed: ${e instanceof Error ? e.message : String(e)}`,
          path: ["messages"],
        },
      ],
    };
  }
}

/**
 * The prompt text the Qwen3 template renders for a conversation, byte-identical to what
 * vLLM (transformers' jinja2 environment) renders for the same request. Earlier turns lose
 * their reasoning exactly as the template decides: assistant turns before the last real
 * user message are shown without `<think>`; later ones keep it, and the final one always
 * gets a (possibly empty) think block.
 */
export function renderConversation(
  conv: Conversation,
  options: RenderOptions,
  template: ChatTemplate = pinnedQwen3Template(),
): Result<string> {
  const input = templateInput(conv);
  if (!input.ok) return input;
  return renderTemplateInput(input.value, options, template);
}
