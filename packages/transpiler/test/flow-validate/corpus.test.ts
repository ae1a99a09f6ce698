/**
 * Zero false positives: every valid workflow of the project corpus and every real public
 * document validates with no diagnostic against the bundled catalog, from JSON and through
 * `compile` of its Python. Real documents win over the catalog: a failure on one of them
 * means the catalog needs a correction (catalog-overrides.ts), not a looser check. A corpus
 * case that exists only for the transpiler (how a shape prints) and is no valid workflow
 * says so in a `validation.json` beside it, with the exact diagnostics it must get: nothing
 * is skipped, and the catalog is never tuned to a test.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  bundledCatalog,
  flowToPython,
  formatJsonPath,
  type Diagnostic,
} from "../../src/index.js";
import {
  corpusCases,
  publicCases,
  readExpectedValidation,
} from "../support/corpus.js";
import { action, compilePython, validateJson } from "./support.js";

const show = (ds: readonly Diagnostic[]) =>
  ds.map((d) => `${d.code} ${formatJsonPath(d.path ?? [])}: ${d.message}`);

/** Every located part of a diagnostic, so a `validation.json` entry must match it exactly. */
const located = (d: Diagnostic, withSpan: boolean) => ({
  code: d.code,
  bucket: d.bucket,
  ...(withSpan
    ? { line: d.span?.start.line, column: d.span?.start.column }
    : {}),
  path: d.path === undefined ? undefined : formatJsonPath(d.path),
});

const cases = corpusCases();

describe("bundled corpus validates with zero diagnostics", () => {
  it("has the corpus", () => expect(cases.length).toBeGreaterThanOrEqual(100));

  it.each(
    cases
      .filter((c) => c.validation === undefined)
      .map((c) => [c.name, c] as const),
  )("%s", async (_name, c) => {
    const text = readFileSync(c.document, "utf8");
    expect(show(validateJson(text))).toEqual([]);
    const compiled = await compilePython(readFileSync(c.golden, "utf8"));
    expect(show(compiled.diagnostics)).toEqual([]);
    expect(compiled.notes).toEqual([]);
    expect(compiled.ok).toBe(true);
  });
});

describe("transpiler shape cases that are no valid workflow (validation.json)", () => {
  const marked = cases.flatMap((c) =>
    c.validation === undefined ? [] : [[c.name, c.validation, c] as const],
  );

  it.each(marked)(
    "%s gets exactly the diagnostics its validation.json declares",
    async (_name, file, c) => {
      const expected = readExpectedValidation(file);
      expect(expected.reason.trim().length).toBeGreaterThan(20);
      // A marker that expects nothing would be a silent skip: such a case belongs above.
      expect(expected.json.length).toBeGreaterThan(0);
      expect(expected.compile.length).toBeGreaterThan(0);
      const fromJson = validateJson(readFileSync(c.document, "utf8"));
      expect(fromJson.map((d) => located(d, false))).toEqual(expected.json);
      const compiled = await compilePython(readFileSync(c.golden, "utf8"));
      expect(compiled.diagnostics.map((d) => located(d, true))).toEqual(
        expected.compile,
      );
      expect(compiled.notes).toEqual([]);
      expect(compiled.ok).toBe(false);
    },
  );
});

describe("public reference documents", () => {
  const full = publicCases().filter((c) => !c.partial);
  it.each(full.map((c) => [c.file.split("/").pop() ?? "", c] as const))(
    "%s validates with zero diagnostics, from JSON and through compile",
    async (_name, c) => {
      const text = readFileSync(c.file, "utf8");
      expect(show(validateJson(text))).toEqual([]);
      const python = flowToPython(text);
      expect(python.ok).toBe(true);
      if (!python.ok) return;
      const compiled = await compilePython(python.value.python);
      expect(show(compiled.diagnostics)).toEqual([]);
      expect(compiled.ok).toBe(true);
    },
  );

  /** Fragments are no workflows; placed in the smallest workflow they fit, they must validate too. */
  it.each(
    publicCases()
      .filter((c) => c.partial)
      .map((c) => [c.file.split("/").pop() ?? "", c] as const),
  )("fragment %s validates inside a minimal workflow", (_name, c) => {
    const fragment = JSON.parse(readFileSync(c.file, "utf8")) as Record<
      string,
      unknown
    >;
    const email = action("shopify::flow::send_email", {
      address: "a@example.com",
      subject: "s",
      message: "m",
    });
    const trigger = (id: string, config: unknown = []) => ({
      step_id: 1,
      task_id: id,
      task_version: "0.1",
      task_type: "TRIGGER",
      config_field_values: config,
    });
    let steps: unknown[];
    let patched: unknown = [];
    if ("task_id" in fragment) {
      steps = [
        trigger("shopify::admin::order_created"),
        { ...fragment, step_id: 2 },
        { ...email, step_id: 3, task_version: "0.1" },
      ];
    } else if ("config_field_values" in fragment) {
      steps = [
        trigger(
          "shopify::flow::scheduled_time",
          fragment["config_field_values"],
        ),
        { ...email, step_id: 2, task_version: "0.1" },
      ];
    } else {
      patched = fragment["patched_fields"];
      steps = [
        trigger("shopify::admin::customer_created"),
        { ...email, step_id: 2, task_version: "0.1" },
      ];
    }
    const links = steps.slice(1).map((_s, i) => ({
      from_step_id: i + 1,
      from_port_id:
        (steps[i] as { task_type: string }).task_type === "FOREACH"
          ? "loop_body"
          : "output",
      to_step_id: i + 2,
      to_port_id: "input",
    }));
    const doc = {
      __metadata: { version: 0.1 },
      root: {
        workflow_name: "Fragment",
        steps,
        links,
        patched_fields: patched,
      },
    };
    expect(show(validateJson(doc, bundledCatalog()))).toEqual([]);
  });
});
