import { describe, expect, it } from "vitest";
import { extractPython } from "../../src/model-output/extract-python.js";
import { locateDiagnostics } from "../../src/model-output/locate.js";

const big =
  '@workflow("x")\ndef main():\n' +
  '    shopify.add_order_tags(order_id=order.id, tags=["a"])\n'.repeat(2000);

function timeOf(f: () => void): number {
  const start = performance.now();
  f();
  return performance.now() - start;
}

describe("extractPython on large and pathological inputs", () => {
  it.each([
    ["100 KB of bare code", big],
    [
      "100 KB fenced with prose",
      "Here it is:\n```python\n" + big + "```\nDone.\n",
    ],
    [
      "100 KB in a tool call",
      JSON.stringify({
        name: "submit",
        arguments: JSON.stringify({ code: big }),
      }),
    ],
    ["one long line after a fence marker", "```" + "a".repeat(100_000) + "`"],
    ["many fence openers", "```python\n".repeat(20_000)],
    ["deeply nested JSON", "[".repeat(50_000)],
    [
      "a long unterminated JSON string",
      '{"arguments": {"code": "' + "x".repeat(100_000),
    ],
  ])("%s", (_name, raw) => {
    let ms = Infinity;
    for (let i = 0; i < 3; i++)
      ms = Math.min(
        ms,
        timeOf(() => {
          const got = extractPython(raw);
          locateDiagnostics(raw, got, [
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
        }),
      );
    expect(ms).toBeLessThan(50);
  });
});
