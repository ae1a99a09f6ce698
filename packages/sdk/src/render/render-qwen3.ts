import type { RenderOptions, TemplateMessage } from "./render-conversation.js";

/** What the pinned Qwen3 template reads: the messages and each tool's `tojson` line. */
export interface Qwen3RenderInput {
  readonly messages: readonly TemplateMessage[];
  readonly toolLines: readonly string[];
}

const toolsIntro =
  "# Tools\n\nYou may call one or more functions to assist with the user query.\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>";
const toolsOutro =
  '\n</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call><|im_end|>\n';

/**
 * The pinned Qwen3 chat template (`QWEN3_TEMPLATE_SHA256`) written out in TypeScript, as
 * `@huggingface/jinja` evaluates it: its `strip`/`lstrip`/`rstrip` ignore their argument and
 * trim all whitespace. Plain string building, so rendering the many prefixes that locate
 * assistant turns costs microseconds instead of a template run each. It is never the source
 * of a row's text: callers compare it with the template's own rendering of the whole
 * conversation and use the template's path when the two differ in any byte.
 */
export function renderQwen3(
  input: Qwen3RenderInput,
  options: RenderOptions,
): string {
  return qwen3Parts(input, options).join("");
}

/** `renderQwen3`'s text in the pieces it is made of (what prefix checks compare piecewise). */
export function qwen3Parts(
  input: Qwen3RenderInput,
  options: RenderOptions,
): string[] {
  const { messages, toolLines } = input;
  const parts: string[] = [];
  const first = messages[0];
  if (toolLines.length > 0) {
    parts.push("<|im_start|>system\n");
    if (first?.role === "system") parts.push(first.content, "\n\n");
    parts.push(toolsIntro);
    for (const line of toolLines) parts.push("\n", line);
    parts.push(toolsOutro);
  } else if (first?.role === "system")
    parts.push("<|im_start|>system\n", first.content, "<|im_end|>\n");

  let lastQuery = messages.length - 1;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i];
    if (m?.role === "user" && !isToolResponse(m.content)) {
      lastQuery = i;
      break;
    }
  }

  messages.forEach((message, i) => {
    const last = i === messages.length - 1;
    switch (message.role) {
      case "user":
        parts.push("<|im_start|>user\n", message.content, "<|im_end|>\n");
        return;
      case "system":
        if (i > 0)
          parts.push("<|im_start|>system\n", message.content, "<|im_end|>\n");
        return;
      case "tool":
        if (i === 0 || messages[i - 1]?.role !== "tool")
          parts.push("<|im_start|>user");
        parts.push(
          "\n<tool_response>\n",
          message.content,
          "\n</tool_response>",
        );
        if (last || messages[i + 1]?.role !== "tool")
          parts.push("<|im_end|>\n");
        return;
      case "assistant": {
        let content = message.content;
        let reasoning = "";
        if (message.reasoning_content !== undefined)
          reasoning = message.reasoning_content;
        else if (message.content.includes("</think>")) {
          content = (
            message.content.split("</think>").at(-1) ?? ""
          ).trimStart();
          reasoning = (
            (message.content.split("</think>")[0] ?? "")
              .trimEnd()
              .split("<think>")
              .at(-1) ?? ""
          ).trimStart();
        }
        if (i > lastQuery && (last || reasoning !== ""))
          parts.push(
            "<|im_start|>assistant\n<think>\n",
            reasoning.trim(),
            "\n</think>\n\n",
            content.trimStart(),
          );
        else parts.push("<|im_start|>assistant\n", content);
        (message.tool_calls ?? []).forEach((call, j) => {
          if (j > 0 || content !== "") parts.push("\n");
          parts.push(
            '<tool_call>\n{"name": "',
            call.function.name,
            '", "arguments": ',
            call.function.arguments,
            "}\n</tool_call>",
          );
        });
        parts.push("<|im_end|>\n");
        return;
      }
    }
  });
  if (options.addGenerationPrompt) {
    parts.push("<|im_start|>assistant\n");
    if (!options.enableThinking) parts.push("<think>\n\n</think>\n\n");
  }
  return parts;
}

function isToolResponse(content: string): boolean {
  return (
    content.startsWith("<tool_response>") &&
    content.endsWith("</tool_response>")
  );
}
