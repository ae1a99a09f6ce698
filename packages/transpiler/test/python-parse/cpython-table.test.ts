/**
 * Every construct of the subset, compared with CPython: the normalized ASTs must be equal,
 * and (for ASCII sources) every node's span must equal CPython's position.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parsePython } from "../../src/python/parse/parse-python.js";
import {
  containsUnsupported,
  cpythonParse,
  normalizeAst,
  type CpythonResult,
} from "../support/cpython-ast.js";
import { supportedSnippets } from "./snippets.js";
import { cpythonSpans, ourSpans } from "./support/cpython-spans.js";

const fixture = readFileSync(
  new URL("./fixtures/workflow-120.py", import.meta.url),
  "utf8",
);
const cases = [
  ...Object.entries(supportedSnippets).flatMap(([group, sources]) =>
    sources.map((source) => ({ group, source })),
  ),
  { group: "fixture", source: fixture },
];
const isAscii = (s: string): boolean => /^[\x00-\x7f]*$/.test(s);

const trees = new Map<string, CpythonResult>();
const spans = new Map<string, string[] | null>();

beforeAll(async () => {
  const sources = cases.map((c) => c.source);
  const [results, positions] = await Promise.all([
    cpythonParse(sources),
    cpythonSpans(sources),
  ]);
  sources.forEach((s, i) => {
    const tree = results[i];
    if (tree !== undefined) trees.set(s, tree);
    spans.set(s, positions[i] ?? null);
  });
});

describe.each(Object.keys(supportedSnippets).concat("fixture"))(
  "%s",
  (group) => {
    it.each(
      cases
        .filter((c) => c.group === group)
        .map((c) => [JSON.stringify(c.source).slice(0, 60), c.source] as const),
    )("%s", (_label, source) => {
      const reference = trees.get(source);
      if (reference === undefined || !reference.ok)
        throw new Error(
          `CPython rejects the snippet: ${JSON.stringify(reference)}`,
        );
      expect(containsUnsupported(reference.module)).toBe(false);
      const ours = parsePython(source);
      if (!ours.ok)
        throw new Error(
          ours.diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"),
        );
      expect(normalizeAst(ours.value)).toEqual(normalizeAst(reference.module));
      expect(ours.value.span).toEqual({
        start: { offset: 0, line: 1, column: 1 },
        end: expect.objectContaining({ offset: source.length }),
      });
      if (isAscii(source))
        expect(ourSpans(ours.value)).toEqual(spans.get(source));
    });
  },
);
