import { inferJsonStyle, parseJson, type JsonNode } from "@flowpy/transpiler";
import type { ChatMessage } from "../conversation/chat-message.js";

/**
 * How one side formats tool answers, per tool name: the JSON layouts seen and, for every
 * object position (`$.results[*]`) and key set, the key order. Values are ignored, so two
 * different conversations can still be compared.
 */
export interface ResponseFormat {
  readonly layouts: ReadonlyMap<string, ReadonlySet<string>>;
  /** `tool → "pattern|sorted key set" → key order` */
  readonly keyOrders: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** Pairs each tool message with the call it answers (the template matches them by position). */
export function toolAnswers(
  messages: readonly ChatMessage[],
): { readonly tool: string; readonly content: string }[] {
  const out: { tool: string; content: string }[] = [];
  let pending: string[] = [];
  for (const m of messages) {
    if (m.role === "assistant")
      pending = (m.tool_calls ?? []).map((c) => c.function.name);
    else if (m.role === "tool")
      out.push({ tool: pending.shift() ?? "(unmatched)", content: m.content });
    else pending = [];
  }
  return out;
}

export function responseFormat(
  answers: readonly { readonly tool: string; readonly content: string }[],
): ResponseFormat {
  const layouts = new Map<string, Set<string>>();
  const keyOrders = new Map<string, Map<string, string>>();
  for (const { tool, content } of answers) {
    const parsed = parseJson(content, { spans: false });
    const layout = parsed.ok
      ? describeLayout(content, parsed.value)
      : "not JSON";
    layouts.set(tool, (layouts.get(tool) ?? new Set()).add(layout));
    if (!parsed.ok) continue;
    const orders = keyOrders.get(tool) ?? new Map<string, string>();
    collectKeyOrders(parsed.value, "$", orders);
    keyOrders.set(tool, orders);
  }
  return { layouts, keyOrders };
}

function describeLayout(text: string, node: JsonNode): string {
  const style = inferJsonStyle(text, node);
  if (style === undefined) return "mixed layout";
  const indent =
    style.indent === null
      ? "one line"
      : `indent ${JSON.stringify(style.indent)}`;
  return `${indent}, separators ${JSON.stringify(style.itemSeparator)} ${JSON.stringify(style.keySeparator)}`;
}

function collectKeyOrders(
  node: JsonNode,
  pattern: string,
  out: Map<string, string>,
): void {
  if (node.kind === "array") {
    for (const item of node.items) collectKeyOrders(item, `${pattern}[*]`, out);
  } else if (node.kind === "object") {
    const keys = node.entries.map((e) => e.key);
    if (keys.length > 1) {
      const set = [...keys].sort().join(",");
      out.set(`${pattern}|${set}`, keys.join(","));
    }
    for (const e of node.entries)
      collectKeyOrders(e.value, `${pattern}.${e.key}`, out);
  }
}
