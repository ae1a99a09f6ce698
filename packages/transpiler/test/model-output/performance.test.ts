/**
 * Large and hostile wrappers for `extractPython` and the locator: correct results and a
 * 2 s hang guard each. Latency is measured by `pnpm bench` (section "model output"), not
 * here: machines are shared and noisy.
 */
import { describe, expect, it } from "vitest";
import { codes } from "../../src/diagnostics/codes.js";
import { extractPython } from "../../src/model-output/extract-python.js";
import { locateDiagnostics } from "../../src/model-output/locate.js";

const big =
  '@workflow("x")\ndef main():\n' +
  '    shopify.add_order_tags(order_id=order.id, tags=["a"])\n'.repeat(2000);

const catalogued: ReadonlySet<string> = new Set(Object.values(codes));

describe("extractPython on large and pathological inputs (hang guard)", () => {
  it.each([
    ["100 KB of bare code", big, big],
    [
      "100 KB fenced with prose",
      "Here it is:\n```python\n" + big + "```\nDone.\n",
      big,
    ],
    [
      "100 KB in a tool call",
      JSON.stringify({
        name: "submit",
        arguments: JSON.stringify({ code: big }),
      }),
      big,
    ],
    ["one long line after a fence marker", "```" + "a".repeat(100_000) + "`"],
    ["many fence openers", "```python\n".repeat(20_000)],
    ["deeply nested JSON", "[".repeat(50_000)],
    [
      "a long unterminated JSON string",
      '{"arguments": {"code": "' + "x".repeat(100_000),
    ],
  ])("%s", (_name, raw, expected?: string) => {
    const start = performance.now();
    const got = extractPython(raw);
    const [located] = locateDiagnostics(raw, got, [
      {
        code: "x",
        severity: "error",
        message: "m",
        span: {
          start: { offset: 0, line: 1, column: 1 },
          end: { offset: got.python.length, line: 1, column: 1 },
        },
      },
    ]);
    const ms = performance.now() - start;
    if (expected !== undefined) expect(got.python).toBe(expected);
    for (const n of got.notes) expect(catalogued.has(n.code)).toBe(true);
    expect(located?.span?.start.offset).toBeGreaterThanOrEqual(0);
    expect(located?.span?.end.offset).toBeLessThanOrEqual(raw.length);
    expect(ms).toBeLessThan(2000);
  });
});
