/**
 * `compile` lists at most `MAX_REPORTED` problems, then one `py-too-many-errors` that
 * counts and spans the rest: nothing is dropped silently, and a flood of stray
 * statements does not become a flood of diagnostics.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createCompiler, type Compiler } from "../../src/index.js";
import { MAX_REPORTED } from "../../src/model-output/tolerant-diagnostics.js";

let compiler: Compiler;
beforeAll(async () => {
  compiler = await createCompiler();
});

const workflowWith = (strays: number): string =>
  '@workflow("w")\n@trigger(shopify.admin.order_created)\ndef run(order):\n' +
  '    shopify.admin.add_order_tags(order_id=order.id, tags=["a"])\n' +
  "    tagged = True\n".repeat(strays);

describe("compile caps the problems it lists", () => {
  it.each([1, MAX_REPORTED, MAX_REPORTED + 1])(
    "lists all of %i problems",
    (n) => {
      const r = compiler.compile(workflowWith(n));
      expect(r.ok).toBe(false);
      expect(r.diagnostics).toHaveLength(n);
      expect(
        r.diagnostics.every((d) => d.code === "flowpy-unexpected-statement"),
      ).toBe(true);
    },
  );

  it.each([MAX_REPORTED + 2, 10_000])(
    "of %i problems, lists the first ones and counts the others",
    (n) => {
      const r = compiler.compile(workflowWith(n));
      expect(r.ok).toBe(false);
      expect(r.diagnostics).toHaveLength(MAX_REPORTED + 1);
      const listed = r.diagnostics.slice(0, MAX_REPORTED);
      expect(listed.map((d) => d.span?.start.line)).toEqual(
        listed.map((_, i) => 5 + i),
      );
      const summary = r.diagnostics[MAX_REPORTED];
      expect(summary).toMatchObject({
        code: "py-too-many-errors",
        severity: "error",
        bucket: "syntaxErrors",
        message: `… and ${n - MAX_REPORTED} more problems found from here on (only the first ${MAX_REPORTED} are listed)`,
      });
      // From the first problem not listed to the end of the last one.
      expect(summary?.span?.start).toMatchObject({
        line: 5 + MAX_REPORTED,
        column: 5,
      });
      expect(summary?.span?.end).toMatchObject({ line: 4 + n, column: 18 });
    },
  );

  it.each([
    ["too many syntax errors: checking stopped", "x = = 1\n".repeat(500)],
    [
      "… and 100 more problems found from here on",
      "def f(:\n  pass\n".repeat(200),
    ],
  ])("keeps diagnoseAll's own summary (%s)", (summary, garbage) => {
    const r = compiler.compile(garbage);
    expect(r.diagnostics).toHaveLength(MAX_REPORTED + 1);
    expect(r.diagnostics.at(-1)?.message.startsWith(summary)).toBe(true);
    expect(
      r.diagnostics.filter((d) => d.code === "py-too-many-errors"),
    ).toHaveLength(1);
  });
});
