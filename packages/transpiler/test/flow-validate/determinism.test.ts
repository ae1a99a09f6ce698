import { describe, expect, it } from "vitest";
import {
  createCompiler,
  renderDiagnostic,
  renderDiagnosticsForModel,
  type Diagnostic,
} from "../../src/index.js";
import { compilePython, program } from "./support.js";

/** A model answer with mistakes of every layer: wrapper, repairs, validation. */
const RAW = [
  "Sure! Here is the workflow you asked for.",
  "",
  "```python",
  program(
    [
      'if order.totl > 100 and order.tags == "vip" and "{{ x }}" == order.name:',
      '    shopify.admin.add_order_tags(order_id="{{ order.id }}", tagz=["VIP"])',
      "for item in order.lineItems:",
      '    shopify.flow.send_email(address="{{ order.email }}", subject="{{ item.sku }} {{ order.created_at }}", message="{{ order.lineItems | json }}")',
      'shopify.admin.cancel_order(order_id=order.id, reason="fraud", restock="True")',
    ].join("\n"),
  ),
  "```",
  "Let me know if you need changes.",
].join("\n");

describe("determinism", () => {
  it("the same output compiles to the same result, byte for byte, in two compilers", async () => {
    const a = (await createCompiler()).compile(RAW);
    const b = (await createCompiler()).compile(RAW);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(a.diagnostics.length).toBeGreaterThan(5);
    expect(a.notes.map((n) => n.code)).toEqual([
      "model-output-fenced",
      "model-output-prose",
      "repair-wrapper",
      "repair-boolean",
    ]);
  });

  it("diagnostics are sorted by position, then code", async () => {
    const r = await compilePython(RAW);
    const keys = r.diagnostics.map(
      (d) => [d.span?.start.offset ?? -1, d.code] as const,
    );
    const sorted = [...keys].sort(
      (x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0),
    );
    expect(keys).toEqual(sorted);
    // Spans point into the raw output: the fence and the prose line come first.
    expect(r.diagnostics[0]?.span?.start.line).toBe(7);
  });

  it("renders for the model as compact JSON with a fixed key order and no offsets", async () => {
    const r = await compilePython(RAW);
    const text = renderDiagnosticsForModel(r.diagnostics);
    expect(text).toBe(renderDiagnosticsForModel(r.diagnostics));
    expect(text).not.toContain("offset");
    expect(text).not.toContain("\n");
    const parsed = JSON.parse(text) as Record<string, unknown>[];
    expect(parsed).toHaveLength(r.diagnostics.length);
    for (const item of parsed) {
      const order = [
        "code",
        "bucket",
        "line",
        "column",
        "path",
        "message",
        "hint",
      ];
      const keys = Object.keys(item);
      expect(keys).toEqual(order.filter((k) => keys.includes(k)));
      expect(keys.slice(0, 4)).toEqual(["code", "bucket", "line", "column"]);
    }
  });

  it("renders a JSON-only diagnostic with its path in place of line and column", () => {
    const d: Diagnostic = {
      code: "flow-unknown-task",
      severity: "error",
      message: "unknown task x",
      path: ["root", "steps", 1, "task_id"],
      bucket: "taskErrors",
    };
    expect(renderDiagnosticsForModel([d])).toBe(
      '[{"code":"flow-unknown-task","bucket":"taskErrors","path":"$.root.steps[1].task_id","message":"unknown task x"}]',
    );
    expect(renderDiagnostic(d)).toBe(
      "<input> $.root.steps[1].task_id: error[flow-unknown-task]: unknown task x",
    );
  });
});
