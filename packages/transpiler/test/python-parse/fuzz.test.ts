/**
 * Robustness properties (FLOWPY_RUNS runs each, default 1000; fast-check prints the seed):
 * - `parsePython` never throws and always returns a well-formed Result, on random text,
 *   random token soups and random mutations of valid programs;
 * - on mutated programs, CPython is the judge: when CPython accepts, we accept with the
 *   same AST or reject with `py-unsupported` only; when CPython rejects, we reject.
 *
 * CPython runs once per batch: the mutated programs are sampled up front with the same
 * seed the property then uses, and only values created while shrinking need a new call.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { Result } from "../../src/diagnostics/diagnostic.js";
import type { Module } from "../../src/python/ast/nodes.js";
import { parsePython } from "../../src/python/parse/parse-python.js";
import {
  containsUnsupported,
  cpythonParse,
  normalizeAst,
  type CpythonResult,
} from "../support/cpython-ast.js";
import { supportedSnippets } from "./snippets.js";

const runs = Number(process.env.FLOWPY_RUNS ?? 1000);
const seed = Number(process.env.FLOWPY_SEED ?? Date.now() % 2 ** 31);
const knownCodes = new Set([
  "py-syntax",
  "py-indentation",
  "py-unsupported",
  "py-too-deep",
  "py-too-large",
]);

/** The shape every result must have, whatever the input. */
function checkWellFormed(text: string, result: Result<Module>): void {
  if (result.ok) {
    expect(result.value.kind).toBe("Module");
    expect(result.diagnostics).toEqual([]);
    return;
  }
  expect(result.diagnostics.length).toBeGreaterThan(0);
  for (const d of result.diagnostics) {
    expect(knownCodes.has(d.code), d.code).toBe(true);
    expect(d.message.length).toBeGreaterThan(0);
    if (d.span !== undefined) {
      expect(d.span.start.offset).toBeGreaterThanOrEqual(0);
      expect(d.span.end.offset).toBeLessThanOrEqual(text.length);
      expect(d.span.start.offset).toBeLessThanOrEqual(d.span.end.offset);
      expect(d.span.start.line).toBeGreaterThanOrEqual(1);
      expect(d.span.start.column).toBeGreaterThanOrEqual(1);
    }
  }
}

const fixture = readFileSync(
  new URL("./fixtures/workflow-120.py", import.meta.url),
  "utf8",
);
const programs = [
  ...Object.values(supportedSnippets)
    .flat()
    .filter((s) => s.length > 8),
  fixture,
];

/** Fragments that are likely to matter to a Python parser. */
const fragments = [
  "(",
  ")",
  "[",
  "]",
  "{",
  "}",
  ":",
  ",",
  ".",
  ";",
  "=",
  "==",
  "\n",
  "\r\n",
  "\r",
  "    ",
  "\t",
  " ",
  "\\",
  "\\\n",
  "'",
  '"',
  "'''",
  "#",
  "not ",
  " in ",
  " is ",
  " and ",
  " or ",
  "if ",
  "else",
  "elif ",
  "for ",
  "def ",
  "with ",
  " as ",
  "pass",
  "lambda ",
  "*",
  "**",
  "+",
  "-",
  "~",
  "@",
  "0",
  "1.5",
  "0x",
  "1_",
  "x",
  "é",
  "😀",
  "\0",
  "\f",
  "class ",
  "return ",
  "yield",
  "async ",
  "await ",
  ":=",
  "...",
  "f'",
  "b'",
  "r'",
  "\\N{",
  "\\x",
  "\\u",
];

type Mutation =
  | { readonly kind: "delete"; readonly at: number; readonly length: number }
  | { readonly kind: "insert"; readonly at: number; readonly text: string }
  | { readonly kind: "swap"; readonly at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant("delete" as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...fragments), fc.string({ maxLength: 3 })),
  }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat() }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === "delete") out = out.slice(0, at) + out.slice(at + m.length);
    else if (m.kind === "insert")
      out = out.slice(0, at) + m.text + out.slice(at);
    else if (at + 1 < out.length)
      out =
        out.slice(0, at) +
        (out[at + 1] ?? "") +
        (out[at] ?? "") +
        out.slice(at + 2);
  }
  return out;
}

const mutatedProgram = fc
  .tuple(
    fc.constantFrom(...programs),
    fc.array(mutation, { minLength: 1, maxLength: 3 }),
  )
  .map(([program, mutations]) => mutate(program, mutations));

const tokenSoup = fc
  .array(fc.constantFrom(...fragments), { maxLength: 40 })
  .map((parts) => parts.join(""));

describe("parsePython never throws", () => {
  it("on random strings", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.string({ unit: "binary", maxLength: 200 }),
        ),
        (text) => {
          checkWellFormed(text, parsePython(text));
        },
      ),
      { numRuns: runs, seed },
    );
  });

  it("on random token soups", () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        checkWellFormed(text, parsePython(text));
      }),
      { numRuns: runs, seed },
    );
  });
});

describe("mutated programs agree with CPython", () => {
  const judged = new Map<string, CpythonResult>();

  beforeAll(async () => {
    const samples = [
      ...new Set(fc.sample(mutatedProgram, { numRuns: runs, seed })),
    ];
    const results = await cpythonParse(samples);
    samples.forEach((s, i) => {
      const r = results[i];
      if (r !== undefined) judged.set(s, r);
    });
  });

  it("accepts with CPython's AST, rejects what CPython rejects, reports only py-unsupported otherwise", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedProgram, async (text) => {
        const ours = parsePython(text);
        checkWellFormed(text, ours);
        const reference = judged.get(text) ?? (await cpythonParse([text]))[0];
        if (reference === undefined) throw new Error("no CPython result");
        if (!reference.ok) {
          expect(
            ours.ok,
            `CPython rejects (${reference.message}, line ${reference.line}) but we accept`,
          ).toBe(false);
          return;
        }
        if (ours.ok) {
          expect(
            containsUnsupported(reference.module),
            "we accept a construct outside the subset",
          ).toBe(false);
          expect(normalizeAst(ours.value)).toEqual(
            normalizeAst(reference.module),
          );
        } else {
          const codes = ours.diagnostics.map((d) => `${d.code}: ${d.message}`);
          expect(
            ours.diagnostics.every(
              (d) => d.code === "py-unsupported" || d.code === "py-too-deep",
            ),
            codes.join("\n"),
          ).toBe(true);
        }
      }),
      { numRuns: runs, seed },
    );
  });
});
