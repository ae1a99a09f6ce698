/**
 * A line of a Python string that looks like a Markdown fence (an email body with a ``` or
 * ~~~ line) is text, not a wrapper: extraction keeps the code whole, bare or wrapped, and
 * `compile` turns the printed Python of a valid workflow back into the same workflow. Found
 * through the SDK's trajectory builder, which refused such workflows as not round-tripping.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import {
  bundledCatalog,
  canonicalWorkflow,
  createCompiler,
  flowToPython,
  loadWorkflow,
  readDocument,
} from "../../src/index.js";
import { extractPython } from "../../src/model-output/extract-python.js";
import { propertyTimeout, runs } from "../laws.js";
import { corpusCases } from "../support/corpus.js";
import { proseSamples, wrappers } from "./wrappers.js";

const compiler = await createCompiler();
const catalog = bundledCatalog();

function canonical(json: string): unknown {
  const read = readDocument(json);
  const loaded = read.ok ? loadWorkflow(read.value.node) : read;
  if (!loaded.ok) return undefined;
  const c = canonicalWorkflow(loaded.value.workflow, loaded.value.graph);
  return c.ok ? c.value : undefined;
}

function compilesBack(json: string): boolean {
  const py = flowToPython(json);
  const compiled = py.ok ? compiler.compile(py.value.python) : undefined;
  return (
    compiled?.workflow !== undefined &&
    canonical(json) !== undefined &&
    isDeepStrictEqual(canonical(compiled.workflow), canonical(json))
  );
}

interface Document {
  root: {
    steps: {
      task_id: string;
      task_version: string;
      config_field_values: { config_field_id: string; value: string }[];
    }[];
  };
}

/** Corpus workflows (JSON form) that compile back to themselves, with their Liquid text fields. */
const targets = corpusCases()
  .filter((c) => c.document.endsWith(".json") && c.validation === undefined)
  .map((c) => readFileSync(c.document, "utf8"))
  .filter(compilesBack)
  .flatMap((json) => {
    const document = JSON.parse(json) as Document;
    return document.root.steps.flatMap((step, s) =>
      step.config_field_values.flatMap((entry, e) =>
        catalog
          .task(step.task_id, step.task_version)
          ?.config_fields.find((f) => f.id === entry.config_field_id)?.type ===
        "liquid"
          ? [{ json, step: s, entry: e }]
          : [],
      ),
    );
  });

function withValue(target: (typeof targets)[number], value: string): string {
  const document = JSON.parse(target.json) as Document;
  const entry =
    document.root.steps[target.step]?.config_field_values[target.entry];
  if (entry === undefined) throw new Error("no such config entry");
  entry.value = value;
  return JSON.stringify(document, null, 2);
}

/** Fence-like lines (CommonMark: up to three spaces, three or more ` or ~) among ordinary ones. */
const fenceLine = fc
  .tuple(
    fc.constantFrom("", " ", "   "),
    fc.constantFrom("```", "~~~", "````", "~~~~~~~~~~~~"),
    fc.constantFrom("", "python", "js", " notes", "\t"),
  )
  .map((parts) => parts.join(""));
const textLine = fc.constantFrom(
  "",
  "Hi team,",
  "Thanks!",
  "Here is the code:",
  "x = 1",
  "@workflow",
  '"""',
  "'''",
  "It's done",
  "# not a comment",
  "    indented",
);
const message = fc
  .array(fc.oneof(fenceLine, textLine), { minLength: 1, maxLength: 8 })
  .filter((lines) => lines.some((l) => /^ {0,3}(?:```|~~~)/.test(l)))
  .map((lines) => lines.join("\n"));

describe(
  "fence-like lines inside Python strings",
  { timeout: propertyTimeout },
  () => {
    it("has corpus workflows with Liquid text fields to put them in", () => {
      expect(targets.length).toBeGreaterThan(30);
    });

    it("bare code holding a ``` line in a string is extracted whole, with no note", () => {
      const py =
        '@workflow("x")\ndef main():\n    note = """a\n```\nb\n~~~\n"""\n';
      const got = extractPython(py);
      expect(got.python).toBe(py);
      expect(got.notes).toEqual([]);
      const fenced = extractPython("```python\n" + py + "```\n");
      expect(fenced.python).toBe(py);
      expect(fenced.notes.map((n) => n.code)).toEqual(["model-output-fenced"]);
    });

    it.each([
      ["a raw triple-quoted string", 'x = r"""\n```\n"""\n', undefined],
      ["a returned string", 'def f():\n    return """\n~~~\n"""\n', undefined],
      ["a string after `in`", 'if a in """\n```\n""":\n    pass\n', undefined],
      [
        "a one-line string holding quotes",
        'x = \'"""\'\n```python\ny = 1\n```\n',
        "y = 1\n",
      ],
      ["a comment holding quotes", '# """\n```python\ny = 1\n```\n', "y = 1\n"],
      [
        "prose with an apostrophe",
        "Here's it:\n```python\ny = '''\n```\n'''\n```\n",
        "y = '''\n```\n'''\n",
      ],
    ])("reads strings as Python does: %s", (_, raw, python) => {
      expect(extractPython(raw).python).toBe(python ?? raw);
    });

    it("a fence after prose holding a triple quote is still a fence", () => {
      const py = '@workflow("x")\ndef main():\n    pass\n';
      const got = extractPython(
        `Use """ for long text:\n\n\`\`\`python\n${py}\`\`\`\n`,
      );
      expect(got.python).toBe(py);
    });

    it(`a workflow's printed Python is extracted exactly from every wrapper and compiles back to the same workflow (${runs} runs)`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...targets),
          message,
          fc.constantFrom(...wrappers),
          fc.constantFrom(...proseSamples),
          (target, text, wrapper, prose) => {
            const json = withValue(target, text);
            const printed = flowToPython(json);
            if (!printed.ok)
              throw new Error(JSON.stringify(printed.diagnostics));
            const py = printed.value.python;
            const bare = extractPython(py);
            expect(bare.python).toBe(py);
            expect(bare.notes).toEqual([]);
            expect(extractPython(wrapper.wrap(py, prose)).python).toBe(py);
            const compiled = compiler.compile(py);
            expect(
              compiled.diagnostics.filter((d) => d.severity === "error"),
            ).toEqual([]);
            expect(compiled.workflow).toBeDefined();
            expect(canonical(compiled.workflow ?? "")).toEqual(canonical(json));
          },
        ),
        { numRuns: runs },
      );
    });
  },
);
