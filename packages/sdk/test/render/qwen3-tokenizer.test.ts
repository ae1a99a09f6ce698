import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  qwen3SpecialIds,
  qwen3Tokenizer,
  segmentCachingTokenizer,
} from "../../src/index.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

const base = qwen3Tokenizer();
const added = [...base.addedTokens.keys()];

/** Text that mixes added tokens (also cut in half or run together), JSON, Unicode and whitespace. */
const piece = fc.oneof(
  fc.constantFrom(...added),
  fc.constantFrom(...added).map((t) => t.slice(0, Math.ceil(t.length / 2))),
  fc.constantFrom(
    "\n",
    "\n\n",
    " ",
    "  \n ",
    '{"name": "task_search", "arguments": {"q": 1.5}}',
    "assistant\n",
    "e\u0301",
    "é",
    "日本語",
    "🙂",
    "<",
    "|>",
  ),
  fc.string({ unit: "grapheme", maxLength: 12 }),
);
const text = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));

describe("segmentCachingTokenizer", () => {
  it("knows Qwen3's special tokens among the added ones", () => {
    expect(base.addedTokens.get("<|im_start|>")).toBe(qwen3SpecialIds.imStart);
    expect(base.addedTokens.get("<|im_end|>")).toBe(qwen3SpecialIds.imEnd);
    expect(base.addedTokens.get("<tool_call>")).toBe(151657);
  });

  it("gives exactly the tokenizer's ids, cold and warm, on any text", () => {
    const cached = segmentCachingTokenizer(base);
    fc.assert(
      fc.property(text, (t) => {
        const expected = base.encode(t);
        expect(cached.encode(t)).toEqual(expected);
        expect(cached.encode(t)).toEqual(expected);
      }),
      { numRuns: runs },
    );
  });

  it("evicts at its piece and character limits without changing the ids", () => {
    const texts = ["a<|im_end|>b", "c<think>d", "a<|im_end|>e", "<tool_call>f"];
    for (const small of [
      segmentCachingTokenizer(base, 2),
      segmentCachingTokenizer(base, 100, 3),
      segmentCachingTokenizer(base, 0),
    ])
      fc.assert(
        fc.property(
          fc.array(fc.oneof(fc.constantFrom(...texts), text)),
          (ts) => {
            for (const t of [...ts, ...ts])
              expect(small.encode(t)).toEqual(base.encode(t));
          },
        ),
        { numRuns: Math.max(1, Math.floor(runs / 10)) },
      );
  });
});
