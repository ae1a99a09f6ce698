import { describe, expect, it } from "vitest";
import type { Span } from "../../src/source/span.js";
import { createLineIndex } from "../../src/source/line-index.js";
import { extractPython } from "../../src/model-output/extract-python.js";
import {
  createLocator,
  locateDiagnostics,
} from "../../src/model-output/locate.js";
import { parsePython } from "../../src/python/parse/parse-python.js";
import { proseSamples, wrappers } from "./wrappers.js";

const VALID =
  '@workflow("Tag orders")\n@trigger(shopify.orders.order_created)\ndef main(order):\n    shopify.add_order_tags(order_id=order.id, tags=["vip", "caf\u00e9 \\"x\\""])\n';
const BROKEN =
  '@workflow("Tag orders")\n@trigger(shopify.orders.order_created)\ndef main(order):\n    x = = 1\n    shopify.add_order_tags(order_id=order.id, tags=["vip"])\n';

/** Undoes as many levels of JSON string escaping as `raw` needs to equal `expected`. */
function unescapeTo(raw: string, expected: string): string {
  let text = raw;
  for (let level = 0; level < 3 && text !== expected; level++) {
    try {
      text = JSON.parse(`"${text}"`) as string;
    } catch {
      return text;
    }
  }
  return text;
}

function checkSpan(
  raw: string,
  python: string,
  original: Span,
  shifted: Span,
  slice: boolean,
): void {
  const code = python.slice(original.start.offset, original.end.offset);
  const inRaw = raw.slice(shifted.start.offset, shifted.end.offset);
  if (slice) expect(inRaw).toBe(code);
  else expect(unescapeTo(inRaw, code)).toBe(code);
  const lines = createLineIndex(raw);
  expect(shifted.start).toEqual(lines.position(shifted.start.offset));
  expect(shifted.end).toEqual(lines.position(shifted.end.offset));
  if (slice) {
    expect(shifted.start.column).toBe(original.start.column);
    expect(shifted.start.line - original.start.line).toBe(
      shifted.end.line - original.end.line,
    );
  }
}

describe("locateDiagnostics", () => {
  it.each(wrappers)(
    "points a syntax error back into the raw text: $name",
    (w) => {
      const raw = w.wrap(BROKEN, proseSamples[0] ?? "");
      const extraction = extractPython(raw);
      expect(extraction.python).toBe(BROKEN);
      const parsed = parsePython(extraction.python);
      expect(parsed.ok).toBe(false);
      const located = locateDiagnostics(raw, extraction, parsed.diagnostics);
      expect(located.length).toBe(parsed.diagnostics.length);
      parsed.diagnostics.forEach((d, i) => {
        const shifted = located[i]?.span;
        if (d.span === undefined || shifted === undefined)
          throw new Error("diagnostic without span");
        expect(
          extraction.python.slice(d.span.start.offset, d.span.end.offset),
        ).toBe("=");
        checkSpan(raw, extraction.python, d.span, shifted, w.slice);
        expect({ ...located[i], span: undefined }).toEqual({
          ...d,
          span: undefined,
        });
      });
    },
  );

  it.each(wrappers)("maps every statement's span back: $name", (w) => {
    const raw = w.wrap(VALID, proseSamples[1] ?? "");
    const extraction = extractPython(raw);
    const parsed = parsePython(extraction.python);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.diagnostics));
    const locate = createLocator(raw, extraction);
    const stmt = parsed.value.body[0];
    const span = stmt?.span;
    if (span === undefined) throw new Error("statement without span");
    const shifted = locate({
      code: "x",
      severity: "error",
      message: "m",
      span,
    }).span;
    if (shifted === undefined) throw new Error("span lost");
    checkSpan(raw, extraction.python, span, shifted, w.slice);
  });

  it("shifts a fenced block by whole lines", () => {
    const raw = "Here is the workflow:\n\n```python\n" + BROKEN + "```\n";
    const extraction = extractPython(raw);
    const parsed = parsePython(extraction.python);
    const [d] = locateDiagnostics(raw, extraction, parsed.diagnostics);
    expect(d?.span?.start).toMatchObject({ line: 4 + 3, column: 9 });
  });

  it("places code decoded from a one-line tool call on that line", () => {
    const raw = JSON.stringify({ name: "submit", arguments: { code: BROKEN } });
    const extraction = extractPython(raw);
    const [d] = locateDiagnostics(
      raw,
      extraction,
      parsePython(extraction.python).diagnostics,
    );
    expect(d?.span?.start.line).toBe(1);
    expect(raw.slice(d?.span?.start.offset, d?.span?.end.offset)).toBe("=");
    expect(
      raw.slice(0, d?.span?.start.offset ?? 0).endsWith("\\n    x = "),
    ).toBe(true);
  });

  it("keeps diagnostics without a span as they are", () => {
    const d = {
      code: "py-too-large",
      severity: "error",
      message: "too large",
    } as const;
    const raw = "```python\nx\n```";
    expect(locateDiagnostics(raw, extractPython(raw), [d])).toEqual([d]);
  });
});
