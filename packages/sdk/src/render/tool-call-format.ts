import type { Conversation } from "../conversation/chat-message.js";

/**
 * How a rendered row spells the assistant's tool calls, which decides the serving side's
 * tool-call parser: `hermes-json` is Qwen3's `<tool_call>\n{"name": …, "arguments": …}\n</tool_call>`
 * (vLLM `--tool-call-parser hermes`), `none` a row without calls, `other` calls the text does
 * not spell that way (a custom template).
 */
export const toolCallFormats = ["hermes-json", "none", "other"] as const;

export type ToolCallFormat = (typeof toolCallFormats)[number];

/** Reads the format off the rendered text: every call, in order, must appear as a hermes block. */
export function toolCallFormat(
  text: string,
  conv: Conversation,
): ToolCallFormat {
  const names = conv.messages.flatMap((m) =>
    m.role === "assistant"
      ? (m.tool_calls ?? []).map((c) => c.function.name)
      : [],
  );
  if (names.length === 0) return "none";
  let at = 0;
  for (const name of names) {
    // The template splices the name in raw (names are checked to need no escaping).
    const block = `<tool_call>\n{"name": "${name}", "arguments": `;
    const found = text.indexOf(block, at);
    if (found < 0) return "other";
    const end = text.indexOf("}\n</tool_call>", found + block.length);
    if (end < 0) return "other";
    at = end;
  }
  return "hermes-json";
}
