import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bundledCatalog,
  type CompileResult,
  type Compiler,
} from "@flowpy/transpiler";
import type { Conversation, ToolDefinition } from "../../src/index.js";
import {
  createToolIndexes,
  qwen3Tokenizer,
  segmentCachingTokenizer,
} from "../../src/index.js";
import { boundedCache } from "../../src/bounded-cache.js";
import {
  cachingTemplateInput,
  templateInput,
} from "../../src/render/render-conversation.js";
import { memoCompiler } from "../../src/trajectory/memo-compiler.js";
import { memoToolIndexes } from "../../src/trajectory/memo-tool-indexes.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
const base = qwen3Tokenizer();

describe("the Qwen3 word path", () => {
  const words = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 24 }),
    fc
      .array(
        fc.constantFrom(
          "don't",
          "I'LL",
          " x",
          "  ",
          "\n\n",
          " \r\n",
          "12345",
          '{"a": 1}',
          "e\u0301",
          "日本",
          "🙂",
          "\t(",
          "__init__",
        ),
        { maxLength: 10 },
      )
      .map((parts) => parts.join("")),
  );

  it("splits and encodes text between added tokens exactly as the tokenizer does", () => {
    fc.assert(
      fc.property(words, (t) => {
        const split = base.words(t);
        expect(split.join("")).toBe(t.normalize("NFC"));
        expect(split.flatMap((w) => [...base.encodeWord(w)])).toEqual(
          base.encode(t),
        );
      }),
      { numRuns: runs },
    );
  });

  it("gives the tokenizer's ids with a word memory far smaller than the words seen", () => {
    const tiny = segmentCachingTokenizer(base, 1, 10, 3);
    fc.assert(
      fc.property(fc.array(words, { maxLength: 6 }), (ts) => {
        for (const t of [...ts, ...ts])
          expect(tiny.encode(t)).toEqual(base.encode(t));
      }),
      { numRuns: Math.max(1, Math.floor(runs / 10)) },
    );
  });

  it("holds every token's bytes in the flat vocabulary table", () => {
    const wrong: number[] = [];
    let tokens = 0;
    for (let id = 0; id < base.byteStarts.length - 1; id++) {
      const from = base.byteStarts[id] ?? 0;
      const to = base.byteStarts[id + 1] ?? 0;
      if (to === from) {
        expect(() => base.tokenBytes(id)).toThrow();
        continue;
      }
      tokens++;
      const bytes = base.tokenBytes(id);
      const flat = base.vocabBytes.subarray(from, to);
      if (!Buffer.from(flat).equals(Buffer.from(bytes))) wrong.push(id);
    }
    expect(wrong).toEqual([]);
    expect(tokens).toBe(base.byteStarts.length - 1);
  });
});

describe("cachingTemplateInput", () => {
  const tool = (parameters: ToolDefinition["function"]["parameters"]) =>
    ({
      type: "function",
      function: { name: "t", description: "d", parameters },
    }) as ToolDefinition;
  const parameters = fc.oneof(
    fc.constantFrom<ToolDefinition["function"]["parameters"]>(
      { type: "object", properties: {} },
      { type: "object", minimum: -0 },
      { type: "object", minimum: 0 },
      { type: "object", minimum: 0.00001 },
      { type: "object", x: Number.NaN },
    ),
    fc
      .jsonValue()
      .map(
        (v) =>
          ({ type: "object", v }) as ToolDefinition["function"]["parameters"],
      ),
  );
  const conversation: fc.Arbitrary<Conversation> = fc.record({
    messages: fc.constantFrom(
      [],
      [{ role: "user" as const, content: "Hi" }],
      [{ role: "user" as const, content: "\uD800" }],
    ),
    tools: fc.array(parameters.map(tool), { maxLength: 3 }),
  });

  it("prepares every conversation exactly as templateInput does, from a bounded memory", () => {
    const cached = cachingTemplateInput(2);
    fc.assert(
      fc.property(fc.array(conversation, { maxLength: 5 }), (convs) => {
        for (const conv of [...convs, ...convs])
          expect(cached(conv)).toEqual(templateInput(conv));
      }),
      { numRuns: Math.max(1, Math.floor(runs / 4)) },
    );
  });

  it("is not changed by a caller editing its tools afterwards", () => {
    const cached = cachingTemplateInput();
    const parameters = { type: "object", description: "before" };
    const conv: Conversation = { messages: [], tools: [tool(parameters)] };
    const first = cached(conv);
    parameters.description = "after";
    const again = cached({
      messages: [],
      tools: [tool({ ...parameters, description: "before" })],
    });
    expect(again).toEqual(first);
  });
});

describe("bounded memories", () => {
  it("boundedCache keeps at most two generations of entries", () => {
    const cache = boundedCache<number, number>(4);
    for (let i = 0; i < 100; i++) cache.set(i, i * 2);
    const kept = Array.from({ length: 100 }, (_, i) => cache.get(i)).filter(
      (v) => v !== undefined,
    );
    expect(kept.length).toBeLessThanOrEqual(8);
    expect(cache.get(99)).toBe(198);
    expect(cache.get(0)).toBeUndefined();
  });

  it("memoCompiler answers as the compiler does and forgets old programs", () => {
    let calls = 0;
    const fake: Compiler = {
      compile: (raw): CompileResult => {
        calls++;
        return { ok: true, python: raw, diagnostics: [], notes: [] };
      },
    };
    const memo = memoCompiler(fake, 2);
    expect(memo.compile("a")).toEqual(fake.compile("a"));
    calls = 0;
    memo.compile("a");
    expect(calls).toBe(0);
    for (const raw of ["b", "c", "d", "e", "f"]) memo.compile(raw);
    calls = 0;
    memo.compile("a");
    expect(calls).toBe(1);
  });

  it("memoToolIndexes finds what the indexes find, repeated or not", () => {
    const catalog = bundledCatalog();
    const plain = createToolIndexes(catalog, 3);
    const memo = memoToolIndexes(plain, 8);
    const shops = [
      { installedTaskIds: [] },
      { installedTaskIds: [catalog.data.tasks[0]?.id ?? "x"] },
    ];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            query: fc.constantFrom(
              "order paid",
              "tag",
              "email",
              "",
              "customer created",
              "zz",
            ),
            shop: fc.constantFrom(...shops),
            limit: fc.integer({ min: 1, max: 8 }),
            root: fc.constantFrom("Order", "Customer", "Nope"),
            term: fc.constantFrom(
              "",
              "customer.email",
              "line items",
              "total price",
              "order.",
            ),
            listsOnly: fc.boolean(),
          }),
          { maxLength: 12 },
        ),
        (asks) => {
          for (const a of [...asks, ...asks]) {
            expect(
              memo.tasks.search(a.query, { limit: a.limit, shop: a.shop }),
            ).toEqual(
              plain.tasks.search(a.query, { limit: a.limit, shop: a.shop }),
            );
            const options = { listsOnly: a.listsOnly, limit: a.limit };
            expect(memo.paths.search(a.root, a.term, options)).toEqual(
              plain.paths.search(a.root, a.term, options),
            );
          }
        },
      ),
      { numRuns: Math.max(1, Math.floor(runs / 10)) },
    );
  });
});
