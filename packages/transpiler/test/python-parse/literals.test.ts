/**
 * String and number literals decoded exactly as CPython decodes them: every escape form,
 * raw strings, prefixes, line endings inside literals, implicit concatenation, every
 * `\N{…}` name in our table, and number lexemes (value and raw).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Expr, Module } from "../../src/python/ast/nodes.js";
import { parsePython } from "../../src/python/parse/parse-python.js";
import { unicodeNames } from "./support/common-unicode-names.js";
import {
  cpythonParse,
  normalizeAst,
  type CpythonResult,
} from "../support/cpython-ast.js";

const stringLiterals = [
  "''",
  '""',
  "'''x'''",
  '"""x"""',
  "'a\\nb'",
  "'\\\\'",
  "'\\''",
  "'\\\"'",
  '"\\\'"',
  "'\\a\\b\\f\\n\\r\\t\\v'",
  "'\\0'",
  "'\\7'",
  "'\\07'",
  "'\\101'",
  "'\\1011'",
  "'\\377'",
  "'\\400'",
  "'\\777'",
  "'\\8'",
  "'\\9'",
  "'\\x00'",
  "'\\x7f'",
  "'\\xff'",
  "'\\xAb'",
  "'\\u0041'",
  "'\\u00E9'",
  "'\\uFFFF'",
  "'\\ud800'",
  "'\\udfff'",
  "'\\U00000041'",
  "'\\U0001F600'",
  "'\\U0010FFFF'",
  "'\\N{LATIN SMALL LETTER E WITH ACUTE}'",
  "'\\N{bullet}'",
  "'\\d'",
  "'\\w\\s'",
  "'\\ '",
  "'\\{'",
  "'tab\there'",
  "'a\\\nb'",
  "'a\\\r\nb'",
  "'''a\nb'''",
  "'''a\r\nb'''",
  "'''a\rb'''",
  "'''a\\\r\nb'''",
  "r'\\n'",
  "r'\\''",
  "r'a\\\nb'",
  "r'a\\\r\nb'",
  "R'\\x41'",
  "u'\\x41'",
  "U'\\u0041'",
  "r'''\\\n'''",
  "'\"'",
  "'é'",
  "'😀'",
  "'\\N{EM DASH}x'",
  "'a' 'b'",
  "'a' r'\\b' u'c'",
  "'''a''' 'b'",
  "('a'\n'b')",
  "('a'  # comment\n 'b')",
  "'a' \\\n'b'",
  "'\\x41' 'B'",
];

const numberLiterals = [
  "0",
  "7",
  "00",
  "000",
  "0_0",
  "10",
  "1_000",
  "1_0_0",
  "10.00",
  "1.",
  "1.5",
  ".5",
  ".5e3",
  "1e5",
  "1E5",
  "1e+5",
  "1e-5",
  "1_0.0_1e1_0",
  "0123.5",
  "0e0",
  "00.5",
  "0x0",
  "0xFF",
  "0Xff",
  "0x_f",
  "0xdead_beef",
  "0o0",
  "0O17",
  "0o_7",
  "0b0",
  "0B1",
  "0b_1010",
  "9007199254740993",
  "12345678901234567890",
  "0xFFFFFFFFFFFFFFFFFFFF",
  "1e308",
  "1e309",
  "2.2250738585072014e-308",
  "5e-324",
  "1e-400",
  "0.1",
  "123456789.123456789",
];

const sources = [...stringLiterals, ...numberLiterals].map(
  (literal) => `x = ${literal}\n`,
);
const unicodeSources = [...unicodeNames.keys()].map(
  (name) => `x = '\\N{${name}}'\n`,
);
const cpython = new Map<string, CpythonResult>();

beforeAll(async () => {
  const all = [...sources, ...unicodeSources];
  const results = await cpythonParse(all);
  all.forEach((s, i) => {
    const r = results[i];
    if (r !== undefined) cpython.set(s, r);
  });
});

function value(module: Module): Expr | undefined {
  const [statement] = module.body;
  return statement?.kind === "Assign" ? statement.value : undefined;
}

describe("literals equal CPython", () => {
  it.each(sources.map((s) => [JSON.stringify(s), s] as const))(
    "%s",
    (_label, source) => {
      const reference = cpython.get(source);
      if (reference === undefined || !reference.ok)
        throw new Error(`CPython rejects ${source}`);
      const ours = parsePython(source);
      if (!ours.ok)
        throw new Error(ours.diagnostics.map((d) => d.message).join("\n"));
      expect(normalizeAst(value(ours.value))).toEqual(
        normalizeAst(value(reference.module)),
      );
    },
  );

  it("decodes every bundled \\N{…} name as CPython does", () => {
    const mismatches = unicodeSources.filter((source) => {
      const reference = cpython.get(source);
      const ours = parsePython(source);
      return !(
        reference?.ok === true &&
        ours.ok &&
        JSON.stringify(normalizeAst(value(ours.value))) ===
          JSON.stringify(normalizeAst(value(reference.module)))
      );
    });
    expect(mismatches).toEqual([]);
    expect(unicodeSources.length).toBeGreaterThan(400);
  });

  it("keeps the exact number lexeme and Number(raw without '_') as value", () => {
    const ours = parsePython("x = 1_000.50\n");
    if (!ours.ok) throw new Error("parse failed");
    expect(value(ours.value)).toMatchObject({
      kind: "Constant",
      value: 1000.5,
      raw: "1_000.50",
    });
  });
});
