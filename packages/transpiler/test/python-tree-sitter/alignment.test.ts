/**
 * Parser alignment (typescript-eslint style): every `.py` file under `corpus/` and
 * `fixtures/` is parsed by tree-sitter, by the chevrotain parser (`parsePython`) and by
 * CPython (`ast.parse`, one process for the whole batch). What each parser must produce:
 * - CPython accepts and everything is in our subset: both of our ASTs equal CPython's
 *   (spans and number formatting normalised away by `normalizeAst`);
 * - CPython accepts constructs outside the subset: both of ours report `py-unsupported`;
 * - CPython rejects the file, or it is a parser error case under `_errors_/`: both of ours
 *   report errors, including the `py-…` codes of the case's `expect.json`.
 * Reviewed exceptions live in `known-differences.ts` (a ratchet). `ONLY=<substring>`
 * narrows the files. The same comparison then runs on generated programs (fast-check,
 * `FLOWPY_RUNS` of them, one CPython process per batch).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Result } from "../../src/diagnostics/diagnostic.js";
import type { Module } from "../../src/python/ast/nodes.js";
import { parsePython } from "../../src/python/parse/parse-python.js";
import {
  loadTreeSitterPython,
  type TreeSitterPython,
} from "../../src/python/tree-sitter/load-tree-sitter.js";
import {
  containsUnsupported,
  cpythonParse,
  normalizeAst,
  type CpythonResult,
} from "../support/cpython-ast.js";
import { knownDifferences, type ParserName } from "./known-differences.js";
import { assertAgainstOracle } from "./support/oracle-property.js";
import {
  programArb,
  unsupportedProgramArb,
} from "./support/python-programs.js";
import {
  loadPythonSources,
  type PythonSource,
} from "./support/python-sources.js";

const sources = loadPythonSources();

let treeSitter: TreeSitterPython;
const cpython = new Map<string, CpythonResult>();

beforeAll(async () => {
  treeSitter = await loadTreeSitterPython();
  const results = await cpythonParse(sources.map((s) => s.text));
  sources.forEach((s, i) => {
    const r = results[i];
    if (r !== undefined) cpython.set(s.file, r);
  });
});

type Expected =
  | { readonly kind: "ast"; readonly ast: unknown }
  | { readonly kind: "unsupported" }
  | { readonly kind: "error"; readonly codes: readonly string[] };

function expectedFor(source: PythonSource): Expected {
  const reference = cpython.get(source.file);
  if (reference === undefined)
    throw new Error(`no CPython result for ${source.file}`);
  if (source.isError || !reference.ok)
    return { kind: "error", codes: source.expectedCodes };
  if (containsUnsupported(reference.module)) return { kind: "unsupported" };
  return { kind: "ast", ast: normalizeAst(reference.module) };
}

function describeResult(result: Result<Module>): unknown {
  return result.ok
    ? normalizeAst(result.value)
    : { diagnostics: result.diagnostics.map((d) => `${d.code}: ${d.message}`) };
}

function matches(expected: Expected, result: Result<Module>): boolean {
  switch (expected.kind) {
    case "ast":
      return (
        result.ok &&
        JSON.stringify(normalizeAst(result.value)) ===
          JSON.stringify(expected.ast)
      );
    case "unsupported":
      return (
        !result.ok &&
        result.diagnostics.some((d) => d.code === "py-unsupported")
      );
    case "error":
      return (
        !result.ok &&
        result.diagnostics.length > 0 &&
        expected.codes.every((c) =>
          result.diagnostics.some((d) => d.code === c),
        )
      );
  }
}

/** The assertion that explains a mismatch best (a diff for ASTs). */
function assertMatches(
  parser: ParserName,
  expected: Expected,
  result: Result<Module>,
): void {
  const actual = describeResult(result);
  switch (expected.kind) {
    case "ast":
      expect(actual, `${parser} vs CPython`).toEqual(expected.ast);
      return;
    case "unsupported":
      expect(
        actual,
        `${parser} must report py-unsupported (CPython found constructs outside the subset)`,
      ).toMatchObject({
        diagnostics: expect.arrayContaining([
          expect.stringMatching(/^py-unsupported: /),
        ]),
      });
      return;
    case "error":
      expect(result.ok, `${parser} must reject this file`).toBe(false);
      expect(
        result.diagnostics.length,
        `${parser} must explain the rejection`,
      ).toBeGreaterThan(0);
      expect(
        result.diagnostics.map((d) => d.code),
        `${parser} must report the codes in expect.json`,
      ).toEqual(expect.arrayContaining([...expected.codes]));
      return;
  }
}

describe("parser alignment: tree-sitter, chevrotain and CPython", () => {
  it("has the fixture set", () => {
    if (process.env["ONLY"] !== undefined) return;
    expect(sources.filter((s) => !s.isError).length).toBeGreaterThanOrEqual(40);
    expect(sources.filter((s) => s.isError).length).toBeGreaterThan(0);
  });

  it("lists only known differences for files that exist", () => {
    const files = new Set(sources.map((s) => s.file));
    const stale = knownDifferences
      .filter((k) => !files.has(k.file))
      .map((k) => k.file);
    if (process.env["ONLY"] === undefined)
      expect(stale, "entries for missing files").toEqual([]);
  });

  it.for(sources.map((s) => [s.file, s] as const))("%s", ([, source]) => {
    const expected = expectedFor(source);
    const results: Record<ParserName, Result<Module>> = {
      "tree-sitter": treeSitter.parse(source.text),
      chevrotain: parsePython(source.text),
    };
    const known = new Set(
      knownDifferences.find((k) => k.file === source.file)?.parsers ?? [],
    );
    for (const parser of ["tree-sitter", "chevrotain"] as const) {
      const result = results[parser];
      if (known.has(parser)) {
        expect(
          matches(expected, result),
          `${parser} now matches CPython: delete its entry in known-differences.ts`,
        ).toBe(false);
      } else {
        assertMatches(parser, expected, result);
      }
    }
    // The two frontends must agree with each other too, also where CPython has no say.
    if (
      known.size === 0 &&
      results["tree-sitter"].ok &&
      results.chevrotain.ok
    ) {
      expect(describeResult(results.chevrotain)).toEqual(
        describeResult(results["tree-sitter"]),
      );
    }
  });
});

/** See known-differences.ts: tree-sitter counts a tab after spaces differently. */
const SPACES_THEN_TAB_INDENT = /^[ \f]+\t/m;

describe("parser alignment on generated programs", () => {
  const frontends = (text: string): [ParserName, Result<Module>][] => [
    ["tree-sitter", treeSitter.parse(text)],
    ["chevrotain", parsePython(text)],
  ];

  it("in the subset: both ASTs equal CPython's", async () => {
    await assertAgainstOracle(programArb, cpythonParse, (text, reference) => {
      if (!reference.ok)
        throw new Error(
          `the generator made invalid Python (${reference.message}):\n${text}`,
        );
      for (const [parser, result] of frontends(text)) {
        if (parser === "tree-sitter" && SPACES_THEN_TAB_INDENT.test(text))
          continue;
        expect(
          describeResult(result),
          `${parser} vs CPython on:\n${text}`,
        ).toEqual(normalizeAst(reference.module));
      }
    });
  });

  it("with a construct outside the subset: both report py-unsupported", async () => {
    await assertAgainstOracle(
      unsupportedProgramArb,
      cpythonParse,
      (text, reference) => {
        if (!reference.ok)
          throw new Error(
            `the generator made invalid Python (${reference.message}):\n${text}`,
          );
        for (const [parser, result] of frontends(text)) {
          if (parser === "tree-sitter" && SPACES_THEN_TAB_INDENT.test(text))
            continue;
          expect(
            describeResult(result),
            `${parser} on:\n${text}`,
          ).toMatchObject({
            diagnostics: expect.arrayContaining([
              expect.stringMatching(/^py-unsupported: /),
            ]),
          });
        }
      },
    );
  });
});
