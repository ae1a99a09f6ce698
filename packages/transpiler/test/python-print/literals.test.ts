import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InternalError } from "../../src/diagnostics/errors.js";
import { py } from "../../src/python/ast/builders.js";
import { formatNumberLiteral } from "../../src/python/print/number-literal.js";
import { printPython } from "../../src/python/print/print-python.js";
import {
  formatDocstringLiteral,
  formatStringLiteral,
} from "../../src/python/print/string-literal.js";
import { cpythonParse } from "../support/cpython-ast.js";
import { stringValue } from "./support/ast-arbitrary.js";
import { blackCheck } from "./support/black-oracle.js";

/** [value, literal] */
const strings: readonly (readonly [string, string])[] = [
  ["", '""'],
  ["abc", '"abc"'],
  ["it's", '"it\'s"'],
  ['say "hi"', `'say "hi"'`],
  [`'"`, `"'\\""`],
  [`'"" `, `'\\'"" '`],
  ["a\\b", '"a\\\\b"'],
  ["a\tb", '"a\\tb"'],
  ["a\r\nb", '"a\\r\\nb"'],
  ["a\rb", '"a\\rb"'],
  ["\x00\x01\x1f\x7f", '"\\x00\\x01\\x1f\\x7f"'],
  ["\x85\xa0\xad", '"\\x85\\xa0\\xad"'],
  ["é ñ 名前 😀", '"é ñ 名前 😀"'],
  ["\u2028\u2029\u200b\ufeff\u3000", '"\\u2028\\u2029\\u200b\\ufeff\\u3000"'],
  ["\ud800x\udfff", '"\\ud800x\\udfff"'],
  ["\u{e0001}\u{10ffff}", '"\\U000e0001\\U0010ffff"'],
  ["{{ order.name }} #1", '"{{ order.name }} #1"'],
  ["a\nb", '"""a\nb"""'],
  ["a\n", '"""a\n"""'],
  ["\n", '"""\n"""'],
  ['a\n"', '"""a\n\\""""'],
  ['a\n""', '"""a\n"\\""""'],
  ['"""\n"""x', '"""""\\"\n""\\"x"""'],
  ['\n""""""', '"""\n""\\"""\\""""'],
  ["a\n\tb\\", '"""a\n\\tb\\\\"""'],
  ["a\n\x00\u2028", '"""a\n\\x00\\u2028"""'],
];

/** [value, docstring literal] */
const docstrings: readonly (readonly [string, string])[] = [
  ["", '""""""'],
  ["Tags orders.", '"Tags orders."'],
  [" padded ", '"\\x20padded\\x20"'],
  ["  two", '"\\x20 two"'],
  ["line one\nline two", '"line one\\nline two"'],
  ['ends with "quote"', `'ends with "quote"'`],
  [`'a' "b"`, `"'a' \\"b\\x22"`],
  [`"a" "b" 'c'`, `'"a" "b" \\'c\\x27'`],
  ["trailing \\", '"trailing \\\\"'],
];

describe("string literals", () => {
  it.each(
    strings.map(
      ([value, literal]) => [JSON.stringify(value), literal, value] as const,
    ),
  )("%s → %s", (_label, literal, value) => {
    expect(formatStringLiteral(value)).toBe(literal);
  });

  it.each(
    docstrings.map(
      ([value, literal]) => [JSON.stringify(value), literal, value] as const,
    ),
  )("docstring %s → %s", (_label, literal, value) => {
    expect(formatDocstringLiteral(value)).toBe(literal);
  });

  it("CPython reads every literal back as its value, and black leaves it unchanged", async () => {
    const values = [
      ...strings.map(([v]) => v),
      ...docstrings.map(([v]) => v),
      ...fc.sample(stringValue, { numRuns: 300, seed: 42 }),
    ];
    // Each value as an ordinary string and as a docstring (first statement of a block).
    const sources = values.map((v) =>
      printPython(
        py.module([
          py.expr(py.str(v)),
          py.def(
            "f",
            [],
            [py.expr(py.str(v)), py.assign(py.name("x"), py.str(v))],
          ),
        ]),
      ),
    );
    const [parsed, verdicts] = await Promise.all([
      cpythonParse(sources),
      blackCheck(sources),
    ]);
    parsed.forEach((result, i) => {
      if (!result.ok) throw new Error(`${sources[i]}: ${result.message}`);
      const [top, def] = result.module.body;
      const read = [top, ...(def?.kind === "FunctionDef" ? def.body : [])].map(
        (s) =>
          s?.kind === "Expr" || s?.kind === "Assign" ? s.value : undefined,
      );
      expect(read, sources[i]).toEqual([
        py.str(values[i] as string),
        py.str(values[i] as string),
        py.str(values[i] as string),
      ]);
    });
    verdicts.forEach((verdict, i) =>
      expect(verdict.ok ? "" : verdict.report, sources[i]).toBe(""),
    );
  });
});

describe("number literals", () => {
  it.each([
    ["0", "0"],
    ["42", "42"],
    ["1.5", "1.5"],
    ["1.", "1.0"],
    [".5", "0.5"],
    ["10.00", "10.00"],
    ["1E5", "1e5"],
    ["1e+5", "1e5"],
    ["1.e-5", "1.0e-5"],
    [".5E+10", "0.5e10"],
    ["007", "7"],
    ["0_7", "7"],
    ["00", "00"],
    ["007.5", "007.5"],
    ["1_000", "1_000"],
    ["123456789012345678901234567890", "123456789012345678901234567890"],
  ])("%s → %s", (raw, text) => {
    expect(formatNumberLiteral(raw)).toBe(text);
  });

  it.each(["", ".", "e5", "1e", "abc", "-1", "0x1F", "1__0", "1_", "1.5.5"])(
    "rejects %j",
    (raw) => {
      expect(() => formatNumberLiteral(raw)).toThrow(InternalError);
    },
  );
});

describe("identifiers", () => {
  it.each(["class", "None", "1abc", "a-b", "", "ﬁle"])(
    "a Name %j is a broken invariant",
    (id) => {
      expect(() => printPython(py.module([py.expr(py.name(id))]))).toThrow(
        InternalError,
      );
    },
  );

  it("accepts non-ASCII identifiers", () => {
    expect(
      printPython(py.module([py.assign(py.name("größe"), py.name("名前"))])),
    ).toBe("größe = 名前\n");
  });
});
