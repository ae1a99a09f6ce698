import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  bundledCatalog,
  createCompiler,
  flowBucketOf,
  flowToPython,
  loadWorkflow,
  readDocument,
  validateWorkflow,
  type Compiler,
  type CompileResult,
} from "../../src/index.js";
import { workflowDocumentArb } from "../arbitraries/workflow.js";
import { propertyTimeout, runs } from "../laws.js";

let compiler: Compiler;
beforeAll(async () => {
  compiler = await createCompiler();
});

/** What every compile result must satisfy, whatever the input. */
function assertWellFormed(r: CompileResult): void {
  const codes = r.diagnostics.map((d) => d.code);
  expect(codes).not.toContain("internal-error");
  expect(r.ok).toBe(r.workflow !== undefined);
  expect(r.ok).toBe(!r.diagnostics.some((d) => d.severity === "error"));
  for (const d of [...r.diagnostics, ...r.notes]) {
    expect(d.bucket, d.code).toBe(flowBucketOf(d.code));
    expect(d.bucket, d.code).toBeDefined();
  }
  for (const n of r.notes) expect(n.severity).toBe("note");
  for (const d of r.diagnostics) {
    expect(d.severity).not.toBe("note");
    expect(d.span, `${d.code}: ${d.message}`).toBeDefined();
  }
}

describe(
  "compile over generated workflows",
  { timeout: propertyTimeout },
  () => {
    it(`never reports an internal error; a success validates again from its JSON (${runs} runs)`, () => {
      fc.assert(
        fc.property(workflowDocumentArb, ({ text }) => {
          const python = flowToPython(text);
          expect(python.ok).toBe(true);
          if (!python.ok) return;
          const r = compiler.compile(python.value.python);
          assertWellFormed(r);
          if (r.workflow !== undefined) {
            const read = readDocument(r.workflow);
            expect(read.ok).toBe(true);
            if (!read.ok) return;
            const loaded = loadWorkflow(read.value.node);
            expect(loaded.ok).toBe(true);
            if (!loaded.ok) return;
            expect(
              validateWorkflow(loaded.value.workflow, {
                catalog: bundledCatalog(),
              }),
            ).toEqual([]);
          }
        }),
        { numRuns: runs },
      );
    });

    it(`validateWorkflow takes any loaded document: sorted, bucketed, never throwing (${runs} runs)`, () => {
      fc.assert(
        fc.property(workflowDocumentArb, ({ text }) => {
          const read = readDocument(text);
          if (!read.ok) return;
          const loaded = loadWorkflow(read.value.node);
          if (!loaded.ok) return;
          const ds = validateWorkflow(loaded.value.workflow, {
            catalog: bundledCatalog(),
          });
          for (const d of ds) {
            expect(d.bucket).toBe(flowBucketOf(d.code));
            expect(d.path).toBeDefined();
            expect(d.code).not.toBe("internal-error");
          }
          expect(
            validateWorkflow(loaded.value.workflow, {
              catalog: bundledCatalog(),
            }),
          ).toEqual(ds);
        }),
        { numRuns: runs },
      );
    });

    it(`never throws on arbitrary text and model-output-like wrappers (${runs} runs)`, () => {
      const text = fc.oneof(
        fc.string({ maxLength: 300 }),
        fc.string({ unit: "grapheme", maxLength: 100 }),
        fc
          .array(
            fc.constantFrom(
              '@workflow("x")\n',
              "@trigger(shopify.admin.order_created)\n",
              "def run(order):\n",
              "    if order.tags == 'a':\n",
              '        shopify.admin.add_order_tags(order_id="{{ order.id }}", tags=["a"])\n',
              "    for x in order.lineItems:\n",
              '        shopify.flow.send_email(subject="{{ x.sku | json }}")\n',
              "```python\n",
              "```\n",
              "Here you go:\n",
              "    pass\n",
              '{"code": "',
              '"}',
            ),
            { maxLength: 12 },
          )
          .map((parts) => parts.join("")),
      );
      fc.assert(
        fc.property(text, (raw) => {
          const r = compiler.compile(raw);
          assertWellFormed(r);
          expect(compiler.compile(raw)).toEqual(r);
        }),
        { numRuns: runs },
      );
    });
  },
);
