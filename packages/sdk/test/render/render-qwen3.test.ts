import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type {
  ChatMessage,
  Conversation,
  ToolDefinition,
} from "../../src/index.js";
import {
  buildTrajectory,
  createTrajectoryEnvironment,
  pinnedQwen3Template,
  qwen3Tokenizer,
  segmentCachingTokenizer,
  trajectoryVariants,
  type ChatTemplate,
} from "../../src/index.js";
import {
  renderTemplateInput,
  templateInput,
  type TemplateInput,
} from "../../src/render/render-conversation.js";
import { renderQwen3 } from "../../src/render/render-qwen3.js";
import {
  assistantSpans,
  qwen3PrefixRenderer,
  templatePrefixRenderer,
  tokenizeTemplateInput,
} from "../../src/render/tokenize-row.js";
import { corpusWorkflows } from "../trajectory/corpus-workflows.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
const long = process.env["FLOWPY_LONG"] === "1";

const pinned = pinnedQwen3Template();
// The same template under another hash: `tokenizeTemplateInput` then places every turn by
// rendering its prefixes with the template itself, the way it did before `renderQwen3`.
const throughTemplate: ChatTemplate = { ...pinned, sha256: "other" };
const base = qwen3Tokenizer();

/** Text that exercises every branch the template takes on content. */
const text = fc.oneof(
  fc.constantFrom(
    "",
    "\n",
    " \n ",
    "\u00a0x\u2028",
    "<think>",
    "</think>",
    "<think>\nwhy\n</think>\n\nanswer",
    "a</think>b</think>\n c",
    "<tool_response>x</tool_response>",
    "<tool_response>",
    "<|im_end|>",
    "日本語 🙂",
  ),
  fc.string({ maxLength: 12 }),
  fc
    .array(fc.constantFrom("a", " ", "\n", "<think>", "</think>", "\t", "é"), {
      maxLength: 8,
    })
    .map((parts) => parts.join("")),
);

const toolCall = fc.record({
  name: fc.constantFrom("task_search", "submit_workflow", "t-1"),
  arguments: fc.constantFrom(
    "",
    "{}",
    '{"q": "x"}',
    '{"a":[1,2.5,{"b":null}]}',
  ),
});

const message: fc.Arbitrary<ChatMessage> = fc.oneof(
  fc.record({ role: fc.constant("system" as const), content: text }),
  fc.record({ role: fc.constant("user" as const), content: text }),
  fc.record({
    role: fc.constant("tool" as const),
    tool_call_id: fc.constant("c"),
    content: text,
  }),
  fc
    .record({
      content: text,
      reasoning: fc.option(text, { nil: undefined }),
      calls: fc.option(fc.array(toolCall, { maxLength: 3 }), {
        nil: undefined,
      }),
    })
    .map(({ content, reasoning, calls }): ChatMessage => ({
      role: "assistant",
      content,
      ...(reasoning === undefined ? {} : { reasoning_content: reasoning }),
      ...(calls === undefined
        ? {}
        : {
            tool_calls: calls.map((c, i) => ({
              id: `c${i}`,
              type: "function" as const,
              function: c,
            })),
          }),
    })),
);

const tool = (name: string): ToolDefinition => ({
  type: "function",
  function: {
    name,
    description: `The ${name} tool, "quoted" and ünicode.`,
    parameters: {
      type: "object",
      properties: { q: { type: "string" }, n: { type: "integer", default: 1 } },
      required: ["q"],
    },
  },
});

const conversation: fc.Arbitrary<Conversation> = fc.record({
  messages: fc.array(message, { minLength: 1, maxLength: 8 }),
  tools: fc.constantFrom([], [tool("task_search")], [tool("a"), tool("b")]),
});

const inputOf = (conv: Conversation): TemplateInput | undefined => {
  const input = templateInput(conv);
  return input.ok ? input.value : undefined;
};

const optionSets = [true, false].flatMap((enableThinking) =>
  [true, false].map((addGenerationPrompt) => ({
    enableThinking,
    addGenerationPrompt,
  })),
);

describe("renderQwen3", () => {
  it("prints exactly what the pinned template prints, for any conversation and options", () => {
    fc.assert(
      fc.property(conversation, (conv) => {
        const input = inputOf(conv);
        if (input === undefined) return;
        for (const options of optionSets) {
          const jinja = renderTemplateInput(input, options, pinned);
          if (!jinja.ok) continue;
          expect(renderQwen3(input, options)).toBe(jinja.value);
        }
      }),
      { numRuns: runs },
    );
  });
});

describe("placing assistant turns from one rendering", () => {
  it("finds the same spans (or the same refusal) as rendering every prefix with the template", () => {
    fc.assert(
      fc.property(conversation, fc.boolean(), (conv, enableThinking) => {
        const input = inputOf(conv);
        if (input === undefined) return;
        const full = renderTemplateInput(
          input,
          { enableThinking, addGenerationPrompt: false },
          pinned,
        );
        if (!full.ok) return;
        const options = { enableThinking };
        expect(
          assistantSpans(
            full.value,
            input.messages,
            options,
            qwen3PrefixRenderer(input.toolLines),
          ),
        ).toEqual(
          assistantSpans(
            full.value,
            input.messages,
            options,
            templatePrefixRenderer(input.tools, pinned),
          ),
        );
      }),
      { numRuns: runs },
    );
  });

  it("tokenizes rows exactly as the per-turn template renders and the plain tokenizer do", () => {
    const cached = segmentCachingTokenizer(base, 64, 20_000, 256);
    fc.assert(
      fc.property(conversation, fc.boolean(), (conv, enableThinking) => {
        const input = inputOf(conv);
        if (input === undefined) return;
        const options = { enableThinking };
        expect(tokenizeTemplateInput(input, options, pinned, cached)).toEqual(
          tokenizeTemplateInput(input, options, throughTemplate, base),
        );
      }),
      { numRuns: Math.max(100, Math.floor(runs / 4)) },
    );
  });

  it(
    "tokenizes the corpus's trajectories exactly as the per-turn template renders do",
    async () => {
      const env = await createTrajectoryEnvironment();
      const cached = segmentCachingTokenizer(base);
      let compared = 0;
      corpusWorkflows().forEach(({ name, text: json }, i) => {
        // One variant and mode per workflow by default; every combination with FLOWPY_LONG.
        const variants = long
          ? trajectoryVariants
          : [trajectoryVariants[i % trajectoryVariants.length] ?? "create"];
        for (const variant of variants)
          for (const enableThinking of long ? [true, false] : [i % 2 === 0]) {
            const built = buildTrajectory(
              { workflow: json, variant, seed: i },
              env,
            );
            if (!built.ok) continue;
            const input = inputOf(built.value.conversation);
            expect(input, name).toBeDefined();
            if (input === undefined) continue;
            const options = { enableThinking };
            const fast = tokenizeTemplateInput(input, options, pinned, cached);
            expect(fast.ok, name).toBe(true);
            expect(fast, `${name} ${variant}`).toEqual(
              tokenizeTemplateInput(input, options, throughTemplate, base),
            );
            compared++;
          }
      });
      expect(compared).toBeGreaterThan(150);
    },
    long ? 1_200_000 : 300_000,
  );
});
