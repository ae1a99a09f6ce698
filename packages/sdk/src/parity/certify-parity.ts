import { jsonEquals, parseJson } from "@flowpy/transpiler";
import type {
  ChatMessage,
  Conversation,
  ToolDefinition,
} from "../conversation/chat-message.js";
import {
  generationConfigKeys,
  rowConversation,
  type DatasetRow,
} from "../dataset/dataset-row.js";
import {
  createChatTemplate,
  pinnedQwen3Template,
  QWEN3_TEMPLATE_SHA256,
  type ChatTemplate,
} from "../render/chat-template.js";
import {
  qwen3Tokenizer,
  type Qwen3Tokenizer,
} from "../render/qwen3-tokenizer.js";
import {
  pythonJsonFromText,
  pythonJsonFromValue,
} from "../render/python-json.js";
import {
  renderConversation,
  type RenderOptions,
} from "../render/render-conversation.js";
import { tokenizeRow } from "../render/tokenize-row.js";
import {
  responseFormat,
  toolAnswers,
  type ResponseFormat,
} from "./response-format.js";
import type { ServingSide } from "./serving-side.js";

export type DifferenceKind =
  | "chat-template"
  | "tool-name"
  | "tool-missing"
  | "tool-extra"
  | "tool-order"
  | "tool-description"
  | "tool-parameters"
  | "tool-rendering"
  | "system-prompt"
  | "response-layout"
  | "response-key-order"
  | "generation-config"
  | "enable-thinking"
  | "message"
  | "conversation"
  | "row-tokens"
  | "token-ids"
  | "unrenderable";

/** One way the two sides differ. `training` and `serving` are printable values (JSON or text). */
export interface Difference {
  readonly kind: DifferenceKind;
  readonly path: string;
  readonly training: string;
  readonly serving: string;
}

export interface ParityCertificate {
  readonly ok: boolean;
  readonly differences: readonly Difference[];
  /** Assumptions made, e.g. the serving template when the serving side does not state it. */
  readonly notes: readonly string[];
}

/** Training rows: one row or a whole dataset. */
export interface TrainingSide {
  readonly rows: readonly DatasetRow[];
}

interface Context {
  readonly out: Difference[];
  readonly notes: string[];
  readonly tokenizer: Qwen3Tokenizer;
}

/**
 * Lists every difference between what a model was trained on and what the serving side
 * shows it: tool names, order, descriptions, parameter schemas and their rendered lines,
 * the system prompt, how tool answers are formatted, the chat template, the generation
 * settings and thinking mode, the messages, and finally the token ids of the rendered
 * prompts (first differing token with decoded context on both sides).
 *
 * A request is compared with the training row whose first user message it shares: its
 * prompt is rendered as the server would (generation prompt, its own tools and template)
 * next to the same conversation prefix rendered from the row. A served definition is
 * compared with every row: each row is re-rendered with the served system prompt and tools.
 */
export function certifyParity(
  training: TrainingSide,
  serving: ServingSide,
  tokenizer: Qwen3Tokenizer = qwen3Tokenizer(),
): ParityCertificate {
  const cx: Context = { out: [], notes: [], tokenizer };
  const servingTemplate = resolveServingTemplate(serving, cx);
  if (training.rows.length === 0) {
    cx.out.push(diff("conversation", "rows", "no training rows", "-"));
    return finish(cx);
  }
  for (const [i, row] of training.rows.entries()) checkRowTokens(row, i, cx);
  for (const n of serving.numberSpellings)
    cx.out.push(
      diff(
        "tool-rendering",
        n.path,
        `${n.asValue} (the value as training renders it)`,
        `${n.served} (as the server prints the served text)`,
      ),
    );
  if (serving.kind === "request")
    certifyRequest(training.rows, serving, servingTemplate, cx);
  else certifyDefinition(training.rows, serving, servingTemplate, cx);
  return finish(cx);
}

function finish(cx: Context): ParityCertificate {
  const seen = new Set<string>();
  const differences = cx.out.filter((d) => {
    const key = JSON.stringify(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ok: differences.length === 0, differences, notes: cx.notes };
}

function diff(
  kind: DifferenceKind,
  path: string,
  training: string,
  serving: string,
): Difference {
  return { kind, path, training, serving };
}

function resolveServingTemplate(
  serving: ServingSide,
  cx: Context,
): ChatTemplate {
  if (serving.chatTemplate === undefined) {
    cx.notes.push(
      `the serving side does not state its chat template; assumed the SDK's pinned template (sha256 ${QWEN3_TEMPLATE_SHA256}), which the server must be started with (--chat-template)`,
    );
    return pinnedQwen3Template();
  }
  return createChatTemplate(serving.chatTemplate);
}

/** A row's stored ids must still be what rendering its conversation gives. */
function checkRowTokens(row: DatasetRow, index: number, cx: Context): void {
  const path = `rows[${index}]`;
  if (row.meta.template_sha256 !== QWEN3_TEMPLATE_SHA256) {
    cx.notes.push(
      `${path} was rendered with template ${row.meta.template_sha256}, not the pinned one`,
    );
    return;
  }
  const again = tokenizeRow(rowConversation(row), {
    enableThinking: row.meta.enable_thinking,
  });
  if (!again.ok) {
    cx.out.push(
      diff(
        "unrenderable",
        path,
        again.diagnostics.map((d) => d.message).join("; "),
        "-",
      ),
    );
    return;
  }
  const first = firstDifference(row.input_ids, again.value.input_ids);
  if (first !== undefined)
    cx.out.push(
      diff(
        "row-tokens",
        `${path}.input_ids[${first}]`,
        context(row.input_ids, first, cx),
        `re-rendered now: ${context(again.value.input_ids, first, cx)}`,
      ),
    );
  else if (
    firstDifference(row.assistant_masks, again.value.assistant_masks) !==
    undefined
  )
    cx.out.push(
      diff(
        "row-tokens",
        `${path}.assistant_masks`,
        "stored masks",
        "re-computed masks differ",
      ),
    );
}

function certifyRequest(
  rows: readonly DatasetRow[],
  serving: Extract<ServingSide, { kind: "request" }>,
  servingTemplate: ChatTemplate,
  cx: Context,
): void {
  const firstUser = (ms: readonly ChatMessage[]): string | undefined =>
    ms.find((m) => m.role === "user")?.content;
  const wanted = firstUser(serving.messages);
  const row = rows.find((r) => firstUser(r.messages) === wanted);
  if (row === undefined) {
    cx.out.push(
      diff(
        "conversation",
        "messages",
        "no training row starts with this user message",
        JSON.stringify(wanted ?? null),
      ),
    );
    return;
  }
  const conv = rowConversation(row);
  compareTemplates(row, servingTemplate, cx);
  compareTools(conv.tools, serving.tools, cx);
  compareSystem(systemOf(conv.messages), systemOf(serving.messages), cx);
  compareResponses(
    responseFormat(toolAnswers(conv.messages)),
    responseFormat(toolAnswers(serving.messages)),
    cx,
  );
  compareGeneration(row, serving, cx);
  compareMessages(conv.messages, serving.messages, cx);

  const k = Math.min(serving.messages.length, conv.messages.length);
  if (serving.messages.length > conv.messages.length)
    cx.out.push(
      diff(
        "conversation",
        "messages.length",
        String(conv.messages.length),
        String(serving.messages.length),
      ),
    );
  const trainingPrompt = promptIds(
    { messages: conv.messages.slice(0, k), tools: conv.tools },
    { enableThinking: row.meta.enable_thinking, addGenerationPrompt: true },
    pinnedQwen3Template(),
    cx,
  );
  const servingPrompt = promptIds(
    { messages: serving.messages.slice(0, k), tools: serving.tools },
    {
      enableThinking: serving.enableThinking ?? true,
      addGenerationPrompt: true,
    },
    servingTemplate,
    cx,
  );
  compareIds("prompt.input_ids", trainingPrompt, servingPrompt, cx);
}

function certifyDefinition(
  rows: readonly DatasetRow[],
  serving: Extract<ServingSide, { kind: "definition" }>,
  servingTemplate: ChatTemplate,
  cx: Context,
): void {
  const answers = Object.entries(serving.toolResponses).flatMap(
    ([tool, texts]) => texts.map((content) => ({ tool, content })),
  );
  let tokenDiffs = 0;
  for (const [i, row] of rows.entries()) {
    const conv = rowConversation(row);
    compareTemplates(row, servingTemplate, cx);
    compareTools(conv.tools, serving.tools, cx);
    compareSystem(systemOf(conv.messages), serving.systemPrompt, cx);
    if (answers.length > 0)
      compareResponses(
        responseFormat(toolAnswers(conv.messages)),
        responseFormat(answers),
        cx,
      );
    compareGeneration(row, serving, cx);
    const served = withServedDefinition(conv, serving);
    const options = {
      enableThinking: serving.enableThinking ?? true,
      addGenerationPrompt: false,
    };
    const servedIds = promptIds(served, options, servingTemplate, cx);
    const first =
      servedIds === undefined
        ? undefined
        : firstDifference(row.input_ids, servedIds);
    if (servedIds !== undefined && first !== undefined) {
      tokenDiffs++;
      // One example is enough to read; the count says how widespread it is.
      if (tokenDiffs === 1)
        cx.out.push(
          diff(
            "token-ids",
            `rows[${i}].input_ids[${first}]`,
            context(row.input_ids, first, cx),
            context(servedIds, first, cx),
          ),
        );
    }
  }
  if (tokenDiffs > 1)
    cx.out.push(
      diff(
        "token-ids",
        "rows",
        `${rows.length} rows`,
        `${tokenDiffs} rows render to different token ids`,
      ),
    );
}

/** The row's conversation with the served system prompt and tools in place of its own. */
function withServedDefinition(
  conv: Conversation,
  serving: Extract<ServingSide, { kind: "definition" }>,
): Conversation {
  const rest =
    conv.messages[0]?.role === "system"
      ? conv.messages.slice(1)
      : conv.messages;
  const system: ChatMessage[] =
    serving.systemPrompt === null
      ? []
      : [{ role: "system", content: serving.systemPrompt }];
  return { messages: [...system, ...rest], tools: serving.tools };
}

function compareTemplates(
  row: DatasetRow,
  serving: ChatTemplate,
  cx: Context,
): void {
  if (row.meta.template_sha256 !== serving.sha256)
    cx.out.push(
      diff(
        "chat-template",
        "chat_template.sha256",
        row.meta.template_sha256,
        serving.sha256,
      ),
    );
}

function compareTools(
  training: readonly ToolDefinition[],
  serving: readonly ToolDefinition[],
  cx: Context,
): void {
  const names = (ts: readonly ToolDefinition[]): string[] =>
    ts.map((t) => t.function.name);
  const servingByName = new Map(serving.map((t) => [t.function.name, t]));
  const trainingNames = new Set(names(training));
  const missing = training.filter((t) => !servingByName.has(t.function.name));
  const extra = serving.filter((t) => !trainingNames.has(t.function.name));
  // A tool absent on one side and new on the other at the same position is a rename.
  for (const t of missing) {
    const at = training.indexOf(t);
    const counterpart = serving[at];
    if (counterpart !== undefined && extra.includes(counterpart)) {
      cx.out.push(
        diff(
          "tool-name",
          `tools[${at}].function.name`,
          t.function.name,
          counterpart.function.name,
        ),
      );
      extra.splice(extra.indexOf(counterpart), 1);
      compareTool(t, counterpart, `tools[${at}]`, cx);
    } else
      cx.out.push(
        diff("tool-missing", `tools[${at}]`, t.function.name, "(not served)"),
      );
  }
  for (const t of extra)
    cx.out.push(
      diff(
        "tool-extra",
        `tools[${serving.indexOf(t)}]`,
        "(not in training)",
        t.function.name,
      ),
    );
  const common = (
    ts: readonly ToolDefinition[],
    other: ReadonlySet<string>,
  ): string[] => names(ts).filter((n) => other.has(n));
  const trainingOrder = common(training, new Set(servingByName.keys()));
  const servingOrder = common(serving, trainingNames);
  if (trainingOrder.join("\n") !== servingOrder.join("\n"))
    cx.out.push(
      diff(
        "tool-order",
        "tools",
        trainingOrder.join(", "),
        servingOrder.join(", "),
      ),
    );
  for (const t of training) {
    const s = servingByName.get(t.function.name);
    if (s !== undefined) compareTool(t, s, `tools[${t.function.name}]`, cx);
  }
}

function compareTool(
  t: ToolDefinition,
  s: ToolDefinition,
  path: string,
  cx: Context,
): void {
  const sameDescription = t.function.description === s.function.description;
  if (!sameDescription)
    cx.out.push(
      diff(
        "tool-description",
        `${path}.function.description`,
        JSON.stringify(t.function.description),
        JSON.stringify(s.function.description),
      ),
    );
  const tp = t.function.parameters;
  const sp = s.function.parameters;
  const leafDiffs = schemaDifferences(tp, sp, `${path}.function.parameters`);
  cx.out.push(...leafDiffs);
  // Equal values can still print differently (key order, number spelling): compare the
  // lines the template shows, with the names aligned so a rename is not counted twice.
  const line = (x: ToolDefinition): string | undefined => {
    const r = pythonJsonFromValue({
      type: "function",
      function: {
        name: "",
        description: x.function.description,
        parameters: x.function.parameters,
      },
    });
    return r.ok ? r.value : undefined;
  };
  const tl = line(t);
  const sl = line(s);
  if (sameDescription && leafDiffs.length === 0 && tl !== sl)
    cx.out.push(
      diff(
        "tool-rendering",
        path,
        tl ?? "(unrenderable)",
        sl ?? "(unrenderable)",
      ),
    );
}

/** Every leaf where two schemas differ, by JSON path. */
function schemaDifferences(a: unknown, b: unknown, path: string): Difference[] {
  const isObject = (x: unknown): x is Record<string, unknown> =>
    typeof x === "object" && x !== null && !Array.isArray(x);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => schemaDifferences(a[k], b[k], `${path}.${k}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length)
    return a.flatMap((x, i) => schemaDifferences(x, b[i], `${path}[${i}]`));
  const show = (x: unknown): string =>
    x === undefined ? "(absent)" : JSON.stringify(x);
  return show(a) === show(b)
    ? []
    : [diff("tool-parameters", path, show(a), show(b))];
}

function systemOf(messages: readonly ChatMessage[]): string | null {
  const first = messages[0];
  return first?.role === "system" ? first.content : null;
}

function compareSystem(
  training: string | null,
  serving: string | null,
  cx: Context,
): void {
  if (training === serving) return;
  if (training === null || serving === null) {
    cx.out.push(
      diff(
        "system-prompt",
        "messages[0]",
        JSON.stringify(training),
        JSON.stringify(serving),
      ),
    );
    return;
  }
  let i = 0;
  while (i < training.length && training[i] === serving[i]) i++;
  const around = (s: string): string =>
    JSON.stringify(s.slice(Math.max(0, i - 30), i + 30));
  cx.out.push(
    diff(
      "system-prompt",
      `messages[0].content[${i}]`,
      around(training),
      around(serving),
    ),
  );
}

function compareResponses(
  training: ResponseFormat,
  serving: ResponseFormat,
  cx: Context,
): void {
  for (const [tool, layouts] of training.layouts) {
    const other = serving.layouts.get(tool);
    if (other === undefined) continue;
    const a = [...layouts].sort().join(" | ");
    const b = [...other].sort().join(" | ");
    if (a !== b)
      cx.out.push(diff("response-layout", `responses.${tool}`, a, b));
  }
  for (const [tool, orders] of training.keyOrders) {
    const other = serving.keyOrders.get(tool);
    if (other === undefined) continue;
    for (const [key, order] of orders) {
      const servingOrder = other.get(key);
      if (servingOrder !== undefined && servingOrder !== order)
        cx.out.push(
          diff(
            "response-key-order",
            `responses.${tool}${key.slice(0, key.indexOf("|"))}`,
            order,
            servingOrder,
          ),
        );
    }
  }
}

function compareGeneration(
  row: DatasetRow,
  serving: ServingSide,
  cx: Context,
): void {
  for (const key of generationConfigKeys) {
    const t = row.meta.generation_config[key];
    const s = serving.generation[key];
    if (s !== t)
      cx.out.push(
        diff(
          "generation-config",
          key,
          String(t),
          s === undefined
            ? "(not sent: the server's default applies)"
            : String(s),
        ),
      );
  }
  const thinking = serving.enableThinking ?? true;
  if (thinking !== row.meta.enable_thinking)
    cx.out.push(
      diff(
        "enable-thinking",
        "chat_template_kwargs.enable_thinking",
        String(row.meta.enable_thinking),
        serving.enableThinking === undefined
          ? "(not sent: thinking on)"
          : String(thinking),
      ),
    );
}

function compareMessages(
  training: readonly ChatMessage[],
  serving: readonly ChatMessage[],
  cx: Context,
): void {
  const n = Math.min(training.length, serving.length);
  for (let i = 1; i < n; i++) {
    const t = training[i];
    const s = serving[i];
    if (t === undefined || s === undefined) continue;
    const path = `messages[${i}]`;
    if (t.role !== s.role) {
      cx.out.push(diff("message", `${path}.role`, t.role, s.role));
      continue;
    }
    if (t.role === "tool") {
      // Same values, other formatting: already reported as response-layout / key-order.
      if (!sameJsonValue(t.content, s.content) && t.content !== s.content)
        cx.out.push(
          diff(
            "message",
            `${path}.content`,
            JSON.stringify(t.content),
            JSON.stringify(s.content),
          ),
        );
      continue;
    }
    if (t.content !== s.content)
      cx.out.push(
        diff(
          "message",
          `${path}.content`,
          JSON.stringify(t.content),
          JSON.stringify(s.content),
        ),
      );
    if (t.role !== "assistant" || s.role !== "assistant") continue;
    if ((t.reasoning_content ?? "") !== (s.reasoning_content ?? ""))
      cx.out.push(
        diff(
          "message",
          `${path}.reasoning_content`,
          JSON.stringify(t.reasoning_content ?? null),
          JSON.stringify(s.reasoning_content ?? null),
        ),
      );
    const tc = t.tool_calls ?? [];
    const sc = s.tool_calls ?? [];
    if (tc.length !== sc.length)
      cx.out.push(
        diff(
          "message",
          `${path}.tool_calls.length`,
          String(tc.length),
          String(sc.length),
        ),
      );
    for (let j = 0; j < Math.min(tc.length, sc.length); j++) {
      const a = tc[j]?.function;
      const b = sc[j]?.function;
      if (a === undefined || b === undefined) continue;
      if (a.name !== b.name)
        cx.out.push(
          diff(
            "message",
            `${path}.tool_calls[${j}].function.name`,
            a.name,
            b.name,
          ),
        );
      const pa = pythonJsonFromText(
        a.arguments.trim() === "" ? "{}" : a.arguments,
      );
      const pb = pythonJsonFromText(
        b.arguments.trim() === "" ? "{}" : b.arguments,
      );
      const ra = pa.ok ? pa.value : a.arguments;
      const rb = pb.ok ? pb.value : b.arguments;
      if (ra !== rb)
        cx.out.push(
          diff(
            "message",
            `${path}.tool_calls[${j}].function.arguments`,
            ra,
            rb,
          ),
        );
    }
  }
}

function sameJsonValue(a: string, b: string): boolean {
  const pa = parseJson(a, { spans: false });
  const pb = parseJson(b, { spans: false });
  return pa.ok && pb.ok && jsonEquals(pa.value, pb.value);
}

function promptIds(
  conv: Conversation,
  options: RenderOptions,
  template: ChatTemplate,
  cx: Context,
): readonly number[] | undefined {
  const r = renderConversation(conv, options, template);
  if (!r.ok) {
    cx.out.push(
      diff(
        "unrenderable",
        "prompt",
        "-",
        r.diagnostics.map((d) => d.message).join("; "),
      ),
    );
    return undefined;
  }
  return cx.tokenizer.encode(r.value);
}

function compareIds(
  path: string,
  training: readonly number[] | undefined,
  serving: readonly number[] | undefined,
  cx: Context,
): void {
  if (training === undefined || serving === undefined) return;
  const first = firstDifference(training, serving);
  if (first !== undefined)
    cx.out.push(
      diff(
        "token-ids",
        `${path}[${first}]`,
        context(training, first, cx),
        context(serving, first, cx),
      ),
    );
}

export function firstDifference(
  a: readonly number[],
  b: readonly number[],
): number | undefined {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? undefined : n;
}

/** The token at `i` with a few neighbours, decoded, e.g. `151644 … "…ask_search"` . */
function context(ids: readonly number[], i: number, cx: Context): string {
  const before = cx.tokenizer.decode(ids.slice(Math.max(0, i - 8), i));
  const at = cx.tokenizer.decode(ids.slice(i, i + 8));
  return `id ${ids[i] ?? "(end)"}: ${JSON.stringify(before)} ⟨here⟩ ${JSON.stringify(at)}`;
}
