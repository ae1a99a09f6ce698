/**
 * Informal timing of the production fast path (logged, not asserted: CI machines vary).
 * The target is well under 1 ms per ~120-line file after warm-up.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePython } from "../../src/python/parse/parse-python.js";

const fixture = readFileSync(
  new URL("./fixtures/workflow-120.py", import.meta.url),
  "utf8",
);

describe("performance", () => {
  it("parses a ~120-line workflow quickly after warm-up", () => {
    expect(parsePython(fixture).ok).toBe(true);
    for (let i = 0; i < 200; i++) parsePython(fixture);
    const rounds = 10;
    const perRound = 100;
    let best = Number.POSITIVE_INFINITY;
    let total = 0;
    for (let r = 0; r < rounds; r++) {
      const start = performance.now();
      for (let i = 0; i < perRound; i++) parsePython(fixture);
      const each = (performance.now() - start) / perRound;
      best = Math.min(best, each);
      total += each;
    }
    const lines = fixture.split("\n").length;
    console.log(
      `parsePython: ${lines} lines, mean ${(total / rounds).toFixed(3)} ms, best round ${best.toFixed(3)} ms per parse`,
    );
  });
});
