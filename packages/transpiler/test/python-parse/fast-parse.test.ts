/**
 * The fast path of `parsePython` (`fast-parse.ts`) agrees with the full chevrotain path:
 * whenever it answers, the full path accepts the same text with the same AST (compared as
 * JSON text: spans and key order included), and `parsePython`'s result is always the full
 * path's, diagnostics included. It must also answer for everything the printer writes and
 * for every program of the corpus, or the speed it exists for is lost silently.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Module } from "../../src/python/ast/nodes.js";
import { fastParseModule } from "../../src/python/parse/fast-parse.js";
import { lexPython } from "../../src/python/parse/lexer.js";
import {
  parsePython,
  parsePythonWithoutFastPath,
} from "../../src/python/parse/parse-python.js";
import { createSequentialLineIndex } from "../../src/python/parse/sequential-line-index.js";
import { printPython } from "../../src/python/print/print-python.js";
import { corpusCases } from "../support/corpus.js";
import { nearMissArbitrary } from "../support/near-miss.js";
import { moduleArbitrary } from "../python-print/support/ast-arbitrary.js";
import { supportedSnippets } from "./snippets.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

function fast(text: string): Module | undefined {
  const lines = createSequentialLineIndex(text);
  const lexed = lexPython(text, lines);
  return lexed.diagnostics.length > 0
    ? undefined
    : fastParseModule(lexed.tokens, lines, text.length);
}

/** The agreement law for one text; returns whether the fast path answered. */
function expectAgreement(text: string): boolean {
  const full = parsePythonWithoutFastPath(text);
  expect(parsePython(text)).toEqual(full);
  const answer = fast(text);
  if (answer === undefined) return false;
  expect(full.ok, JSON.stringify(text)).toBe(true);
  expect(JSON.stringify(answer)).toBe(
    JSON.stringify(full.ok ? full.value : undefined),
  );
  return true;
}

const corpus = corpusCases().map((c) => readFileSync(c.golden, "utf8"));
const snippets = Object.values(supportedSnippets).flat();
const programs = [...corpus, ...snippets.filter((s) => s.length > 8)];

/** Token-sized edits, where a hand-written parser and a generated one disagree first. */
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
  "    ",
  " ",
  "not ",
  " not in ",
  " is not ",
  " in ",
  " and ",
  " or ",
  "if ",
  " if x else ",
  "else:",
  "elif x:",
  "for ",
  " for x in y",
  "def ",
  "with ",
  " as ",
  "pass",
  "lambda: ",
  "*",
  "**",
  "-",
  "+",
  "@",
  ":=",
  "x",
  "x=",
  "match ",
  "case ",
  "1",
  "'s'",
  "None",
  "yield ",
  "return ",
  "async ",
  "await ",
];

const nearMiss = nearMissArbitrary(
  programs,
  fc.oneof(fc.constantFrom(...fragments), fc.constant("")),
);

/** Calls with argument lists the two parsers must judge alike (order, generators, commas). */
const argument = fc.constantFrom(
  "x",
  "k=1",
  "x=2",
  "*a",
  "**b",
  "y for y in z",
  "(y for y in z)",
  "y for (y) in z if y if not y",
  "a.b",
  "1",
  "-1",
  "not x",
  "a if b else c",
  "lambda: 1",
  "[]",
  "[y for y in z]",
  "{}",
  "{a: 1,}",
  "{a}",
  "()",
  "(x,)",
  "(x)",
  "x := 1",
  "'s' 't'",
  "a == b",
  "a < b < c",
  "a or b and not c",
  "f(x)(y).z",
  "x[0]",
);
const callStatement = fc
  .tuple(fc.array(argument, { maxLength: 4 }), fc.boolean())
  .map(
    ([args, comma]) =>
      `f(${args.join(", ")}${comma && args.length > 0 ? "," : ""})\n`,
  );

/** Operators and operands in any order: precedence, prefixes and chains. */
const operatorSoup = fc
  .array(
    fc.constantFrom(
      "x",
      "1",
      "'s'",
      "None",
      "f()",
      ".a",
      "not",
      "-",
      "+",
      "and",
      "or",
      "==",
      "<",
      "in",
      "not in",
      "is",
      "is not",
      "**",
      "(",
      ")",
      ",",
    ),
    { minLength: 1, maxLength: 10 },
  )
  .map((parts) => `y = ${parts.join(" ")}\n`);

describe("the fast path of parsePython agrees with the full parser", () => {
  it("answers for every corpus program", () => {
    for (const text of corpus) expect(expectAgreement(text)).toBe(true);
  });

  it("agrees on the supported snippets", () => {
    for (const text of snippets) expectAgreement(text);
  });

  it("answers for printed modules, with the full parser's AST", () => {
    fc.assert(
      fc.property(moduleArbitrary, (module) => {
        expect(expectAgreement(printPython(module))).toBe(true);
      }),
      { numRuns: Math.ceil(runs / 4) },
    );
  });

  it("answers for one-line suites of one simple statement, and leaves the others to the full parser", () => {
    const answered = [
      "if x: pass\n",
      "if x: y = 1\nelif z: f(a)\nelse: pass\n",
      "for a in b: f(a)\n",
      "with branch(): shopify.x(a=1)\n",
      "def f(order): pass\n",
      '@workflow("x")\ndef run(order):\n    if a.b == 1: pass\n    if c:\n        d(e=1)\n    else: f()\n',
    ];
    for (const text of answered)
      expect(expectAgreement(text), JSON.stringify(text)).toBe(true);
    const left = [
      "if x: pass; y = 1\n",
      "if x: if y: pass\n",
      "if x: pass\n    y = 1\n",
      "if x: for a in b: pass\n",
      "if x: @d\n",
    ];
    for (const text of left)
      expect(expectAgreement(text), JSON.stringify(text)).toBe(false);
  });

  it("agrees on argument lists and operator soups", () => {
    fc.assert(
      fc.property(fc.oneof(callStatement, operatorSoup), (text) => {
        expectAgreement(text);
      }),
      { numRuns: runs * 2 },
    );
  });

  it("agrees on near misses of valid programs", () => {
    fc.assert(
      fc.property(nearMiss, (text) => {
        expectAgreement(text);
      }),
      { numRuns: runs * 2 },
    );
  });
});
