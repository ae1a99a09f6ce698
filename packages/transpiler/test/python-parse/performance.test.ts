/**
 * The production fast path on a ~120-line workflow: parsed, with a 2 s hang guard. Its
 * latency is measured by `pnpm bench` (section "model output"), not here: machines are
 * shared and noisy.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parsePython } from "../../src/python/parse/parse-python.js";

const fixture = readFileSync(
  new URL("./fixtures/workflow-120.py", import.meta.url),
  "utf8",
);

describe("parsePython on a ~120-line workflow", () => {
  it("parses it, the same way every time (hang guard)", () => {
    const start = performance.now();
    const first = parsePython(fixture);
    const again = parsePython(fixture);
    const ms = performance.now() - start;
    expect(first.ok).toBe(true);
    expect(again).toEqual(first);
    expect(ms).toBeLessThan(2000);
  });
});
