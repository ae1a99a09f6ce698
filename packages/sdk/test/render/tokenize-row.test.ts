import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  ChatMessage,
  Conversation,
  ToolDefinition,
} from "../../src/index.js";
import {
  qwen3SpecialIds,
  qwen3Tokenizer,
  sdkCodes,
  renderConversation,
  tokenizeRow,
  type TokenizedRow,
} from "../../src/index.js";

const runs = Math.max(60, Number(process.env["FLOWPY_RUNS"] ?? 1000) / 10);
const tokenizer = qwen3Tokenizer();

/** Contiguous runs of masked tokens, as [first, end) token indices. */
function maskedRuns(row: TokenizedRow): [number, number][] {
  const out: [number, number][] = [];
  row.assistant_masks.forEach((m, i) => {
    const last = out.at(-1);
    if (m === 1) {
      if (last !== undefined && last[1] === i) last[1] = i + 1;
      else out.push([i, i + 1]);
    }
  });
  return out;
}

function mustTokenize(
  conv: Conversation,
  enableThinking: boolean,
): TokenizedRow {
  const r = tokenizeRow(conv, { enableThinking });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.value;
}

/** Invariants every tokenized row must satisfy, whatever the conversation. */
function checkRow(
  conv: Conversation,
  row: TokenizedRow,
  enableThinking: boolean,
): void {
  const rendered = renderConversation(conv, {
    enableThinking,
    addGenerationPrompt: false,
  });
  expect(rendered.ok && rendered.value).toBe(row.text);
  expect(row.assistant_masks.length).toBe(row.input_ids.length);
  // Tokenization of the whole text, decoded, gives the text back (the tokenizer applies NFC).
  expect(tokenizer.decode(row.input_ids)).toBe(row.text.normalize("NFC"));
  const assistants = conv.messages.filter((m) => m.role === "assistant").length;
  const masked = maskedRuns(row);
  expect(masked.length).toBe(assistants);
  expect(row.spans.length).toBe(assistants);
  for (const [first, end] of masked) {
    // Each trained run ends with the turn's <|im_end|>, follows a prompt token, and is
    // followed by the "\n" the model never generates.
    expect(row.input_ids[end - 1]).toBe(qwen3SpecialIds.imEnd);
    expect(row.assistant_masks[first - 1]).toBe(0);
    expect(tokenizer.decode(row.input_ids.slice(end, end + 1))).toBe("\n");
  }
  for (const span of row.spans) {
    expect(row.text.slice(0, span.start)).toMatch(
      /<\|im_start\|>assistant\n(<think>\n\n<\/think>\n\n)?$/,
    );
  }
}

const searchTool: ToolDefinition = {
  type: "function",
  function: {
    name: "task_search",
    description: "Search tasks",
    parameters: {
      type: "object",
      properties: {
        query: { type: "string" },
        limit: { type: "integer", default: 1.0 },
      },
      required: ["query"],
    },
  },
};

const toolLoop: Conversation = {
  tools: [searchTool],
  messages: [
    { role: "system", content: "You are the Flow agent." },
    { role: "user", content: "Tag paid orders." },
    {
      role: "assistant",
      content: "",
      reasoning_content: "Search first.",
      tool_calls: [
        {
          id: "c1",
          type: "function",
          function: {
            name: "task_search",
            arguments: '{"query":"order paid"}',
          },
        },
      ],
    },
    { role: "tool", tool_call_id: "c1", content: '{"results": []}' },
    {
      role: "assistant",
      content: "Nothing found.",
      reasoning_content: "Empty.",
    },
    { role: "user", content: "Thanks" },
    { role: "assistant", content: "You're welcome." },
  ],
};

describe("tokenizeRow", () => {
  it("masks exactly the assistant text after each generation prompt, through <|im_end|>", () => {
    const row = mustTokenize(toolLoop, true);
    checkRow(toolLoop, row, true);
    const trained = row.spans.map((s) => row.text.slice(s.start, s.end));
    // Reasoning before the last user query is dropped; the final turn gets an empty think block.
    expect(trained).toEqual([
      '<tool_call>\n{"name": "task_search", "arguments": {"query": "order paid"}}\n</tool_call><|im_end|>',
      "Nothing found.<|im_end|>",
      "<think>\n\n</think>\n\nYou're welcome.<|im_end|>",
    ]);
    expect(
      maskedRuns(row).map(([a, b]) =>
        tokenizer.decode(row.input_ids.slice(a, b)),
      ),
    ).toEqual(trained);
  });

  it("keeps the empty think block in the prompt part when thinking is off", () => {
    const row = mustTokenize(toolLoop, false);
    checkRow(toolLoop, row, false);
    expect(row.spans.map((s) => row.text.slice(s.start, s.end)).at(-1)).toBe(
      "You're welcome.<|im_end|>",
    );
  });

  it("keeps reasoning of the current tool loop and masks it", () => {
    const conv: Conversation = {
      tools: [searchTool],
      messages: toolLoop.messages.slice(0, 5),
    };
    const row = mustTokenize(conv, true);
    checkRow(conv, row, true);
    expect(row.spans.map((s) => row.text.slice(s.start, s.end))).toEqual([
      '<think>\nSearch first.\n</think>\n\n<tool_call>\n{"name": "task_search", "arguments": {"query": "order paid"}}\n</tool_call><|im_end|>',
      "<think>\nEmpty.\n</think>\n\nNothing found.<|im_end|>",
    ]);
  });

  it("tokenizes the golden conversations with the Qwen3 special-token ids", () => {
    const golden = JSON.parse(
      readFileSync(
        join(import.meta.dirname, "golden/conversations.json"),
        "utf8",
      ),
    ) as readonly (Conversation & { enable_thinking: boolean })[];
    const trainable = golden.filter((c) =>
      c.messages.some((m) => m.role === "assistant"),
    );
    expect(trainable.length).toBeGreaterThanOrEqual(4);
    for (const c of trainable) {
      const row = mustTokenize(c, c.enable_thinking);
      checkRow(c, row, c.enable_thinking);
      expect(row.input_ids[0]).toBe(qwen3SpecialIds.imStart);
      expect(
        row.input_ids.filter((id) => id === qwen3SpecialIds.imStart).length,
      ).toBe(row.text.split("<|im_start|>").length - 1);
    }
  });

  it("holds its invariants on random conversations", () => {
    fc.assert(
      fc.property(conversation, fc.boolean(), (conv, thinking) => {
        checkRow(conv, mustTokenize(conv, thinking), thinking);
      }),
      { numRuns: runs },
    );
  });

  it("refuses consecutive assistant turns it cannot place", () => {
    const r = tokenizeRow(
      {
        tools: [],
        messages: [
          { role: "user", content: "Hi" },
          { role: "assistant", content: "One." },
          { role: "assistant", content: "Two." },
        ],
      },
      { enableThinking: true },
    );
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({
      code: sdkCodes.renderPrefixUnstable,
      path: ["messages", 2],
    });
  });

  it("refuses a row without an assistant turn and an empty conversation", () => {
    const user = tokenizeRow(
      { tools: [], messages: [{ role: "user", content: "Hi" }] },
      { enableThinking: true },
    );
    expect(user.diagnostics[0]?.code).toBe(sdkCodes.renderNoAssistantTurn);
    const empty = tokenizeRow(
      { tools: [], messages: [] },
      { enableThinking: true },
    );
    expect(empty.diagnostics[0]?.code).toBe(sdkCodes.renderTemplateError);
  });
});

describe("the number trap", () => {
  const withNumber = (n: number): Conversation => ({
    tools: [
      {
        type: "function",
        function: {
          name: "t",
          description: "d",
          parameters: {
            type: "object",
            properties: { x: { type: "number", minimum: n } },
          },
        },
      },
    ],
    messages: [{ role: "user", content: "Hi" }],
  });

  it("refuses tool-schema numbers JavaScript and Python spell differently", () => {
    const r = renderConversation(withNumber(0.00001), {
      enableThinking: true,
      addGenerationPrompt: true,
    });
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]).toMatchObject({
      code: sdkCodes.renderFloatSpelling,
      path: [
        "tools",
        0,
        "function",
        "parameters",
        "properties",
        "x",
        "minimum",
      ],
    });
  });

  it("renders integral floats as Python does for the request a JavaScript client sends", () => {
    const conv = withNumber(1.0);
    const tool = conv.tools[0];
    const r = renderConversation(conv, {
      enableThinking: true,
      addGenerationPrompt: true,
    });
    const run = spawnSync(
      "python3",
      [
        "-c",
        "import json,sys; print(json.dumps(json.loads(sys.stdin.read()), ensure_ascii=False))",
      ],
      { input: JSON.stringify(tool), encoding: "utf8" },
    );
    expect(run.stdout.trim()).toContain('"minimum": 1}');
    expect(r.ok && r.value).toContain(`\n${run.stdout.trim()}\n`);
  });

  it("re-serialises tool-call arguments as the server does", () => {
    const r = renderConversation(
      {
        tools: [],
        messages: [
          { role: "user", content: "Hi" },
          {
            role: "assistant",
            content: "",
            tool_calls: [
              {
                id: "1",
                type: "function",
                function: { name: "t", arguments: '{"b":1.0,"a":[1e-7]}' },
              },
            ],
          },
        ],
      },
      { enableThinking: true, addGenerationPrompt: false },
    );
    expect(r.ok && r.value).toContain(
      '{"name": "t", "arguments": {"b": 1.0, "a": [1e-07]}}',
    );
  });
});

// Random but well-formed conversations: no two assistant turns in a row, one tool message
// per call.
const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom(
    "\n",
    "\n\nx",
    "é",
    "e\u0301",
    "😀 ok",
    "  spaced  ",
    "</think>",
    "a</think>\nb",
  ),
);
const call = fc.record({
  id: fc.constant("c"),
  type: fc.constant("function" as const),
  function: fc.record({
    name: fc.constantFrom("task_search", "task_configuration"),
    arguments: fc
      .dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), {
        maxKeys: 3,
      })
      .map((o) => JSON.stringify(o)),
  }),
});
const turn = fc
  .record({
    content: text,
    reasoning: fc.option(text, { nil: undefined }),
    calls: fc.array(call, { maxLength: 2 }),
    user: fc.option(text, { nil: undefined }),
  })
  .map(({ content, reasoning, calls, user }): ChatMessage[] => [
    {
      role: "assistant",
      content,
      ...(reasoning !== undefined ? { reasoning_content: reasoning } : {}),
      ...(calls.length > 0 ? { tool_calls: calls } : {}),
    },
    ...calls.map((_, i): ChatMessage => ({
      role: "tool",
      tool_call_id: String(i),
      content: `{"i": ${i}}`,
    })),
    ...(user !== undefined || calls.length === 0
      ? [{ role: "user", content: user ?? "next" } as const]
      : []),
  ]);
const conversation: fc.Arbitrary<Conversation> = fc
  .record({
    system: fc.option(text, { nil: undefined }),
    first: text,
    turns: fc.array(turn, { minLength: 1, maxLength: 4 }),
    tools: fc.boolean(),
  })
  .map(({ system, first, turns, tools }) => {
    const messages: ChatMessage[] = [
      ...(system !== undefined
        ? [{ role: "system", content: system } as const]
        : []),
      { role: "user", content: first },
      ...turns.flat(),
    ];
    // End on an assistant turn or a tool answer, as training rows do.
    while (messages.at(-1)?.role === "user" && messages.length > 2)
      messages.pop();
    if (messages.at(-1)?.role === "user")
      messages.push({ role: "assistant", content: "ok" });
    return { messages, tools: tools ? [searchTool] : [] };
  });
