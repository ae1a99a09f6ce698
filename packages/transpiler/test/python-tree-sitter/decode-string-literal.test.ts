import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  decodeStringLiteral,
  type DecodedString,
} from "../../src/python/tree-sitter/decode-string-literal.js";
import { cpythonParse } from "../support/cpython-ast.js";
import { assertAgainstOracle } from "./support/oracle-property.js";

const str = (value: string): DecodedString => ({ kind: "str", value });

describe("decodeStringLiteral: CPython 3.11 escapes", () => {
  it.each([
    [String.raw`"\N{BULLET}"`, "•"],
    [String.raw`"\N{bullet}"`, "•"],
    [String.raw`'\N{LATIN CAPITAL LETTER GHA}'`, "Ƣ"], // an alias
    [String.raw`"\N{NBSP}"`, "\u00a0"], // an abbreviation alias
    [String.raw`"\N{CJK UNIFIED IDEOGRAPH-4E00}"`, "一"],
    [String.raw`"\N{HANGUL SYLLABLE GAG}"`, "각"],
    [String.raw`"\N{GRINNING FACE}!"`, "😀!"],
    [String.raw`"\x41\x7e\x7E"`, "A~~"],
    [String.raw`"\101\0\7\777"`, "A\0\x07ǿ"],
    [String.raw`"\1234"`, "S4"], // at most three octal digits
    [String.raw`"\8\9"`, "\\8\\9"], // not octal: kept
    [String.raw`"\u00e9\U0001F600"`, "é😀"],
    [String.raw`"\a\b\f\n\r\t\v\\\'\""`, "\x07\b\f\n\r\t\v\\'\""],
    [String.raw`"\q\d\ "`, "\\q\\d\\ "], // unknown escapes keep the backslash
    ['"a\\\nb"', "ab"], // backslash-newline continues the line
    ['"a\\\r\nb"', "ab"],
    ["'''a\r\nb\rc'''", "a\nb\nc"], // newlines normalised
    ['u"\\u00e9"', "é"],
    ['U"x"', "x"],
    ['""', ""],
    ['""""""', ""],
    ["'''\"'''", '"'],
  ])("%s", (token, value) => {
    expect(decodeStringLiteral(token)).toEqual(str(value));
  });

  it.each([
    [String.raw`r"\n\N{BULLET}\x"`, String.raw`\n\N{BULLET}\x`],
    [String.raw`R'\''`, String.raw`\'`],
    ["r'a\\\nb'", "a\\\nb"], // raw: backslash-newline stays
    ["r'a\\\r\nb'", "a\\\nb"],
    ["r'''a\r\nb'''", "a\nb"],
  ])("raw %s", (token, value) => {
    expect(decodeStringLiteral(token)).toEqual(str(value));
  });

  it.each([
    [String.raw`"ab\x4"`, "truncated \\xXX escape", 3, 6],
    [String.raw`"\x"`, "truncated \\xXX escape", 1, 3],
    [String.raw`"\u12"`, "truncated \\uXXXX escape", 1, 5],
    [String.raw`"\U0011000"`, "truncated \\UXXXXXXXX escape", 1, 10],
    [String.raw`"\U00110000"`, "illegal Unicode character", 1, 11],
    [String.raw`"\N{NOT A NAME}"`, "unknown Unicode character name", 1, 15],
    [
      String.raw`"\N{cjk unified ideograph-4E00}"`,
      "unknown Unicode character name",
      1,
      31,
    ],
    [String.raw`"\N{BULLET"`, "malformed \\N character escape", 1, 3],
    [String.raw`"\N{}"`, "malformed \\N character escape", 1, 5],
    [String.raw`"\N"`, "malformed \\N character escape", 1, 3],
  ])("rejects %s", (token, message, start, end) => {
    expect(decodeStringLiteral(token)).toEqual({
      kind: "invalid",
      message: `invalid string escape: ${message}`,
      start,
      end,
    });
  });

  it("ends a single-quoted string at an unescaped line break, as CPython's tokenizer does", () => {
    expect(decodeStringLiteral("'a\nb'")).toEqual({
      kind: "invalid",
      message: "unterminated string literal",
      start: 0,
      end: 2,
    });
    expect(decodeStringLiteral("r'a\rb'")).toMatchObject({
      kind: "invalid",
      end: 3,
    });
    expect(decodeStringLiteral("'a\\\nb'")).toEqual(str("ab"));
    expect(decodeStringLiteral("'''a\nb'''")).toEqual(str("a\nb"));
  });

  it("reports bytes and f-strings as unsupported and bad prefixes as invalid", () => {
    expect(decodeStringLiteral("b'x'")).toEqual({
      kind: "unsupported",
      construct: "bytes literals",
    });
    expect(decodeStringLiteral("Rb'x'")).toEqual({
      kind: "unsupported",
      construct: "bytes literals",
    });
    expect(decodeStringLiteral("f'{x}'")).toEqual({
      kind: "unsupported",
      construct: "f-strings",
    });
    expect(decodeStringLiteral("ur'x'")).toMatchObject({
      kind: "invalid",
      start: 0,
      end: 2,
    });
  });
});

// Fragments that keep any quote style well-formed: quotes only escaped, every backslash
// followed by something, bare newlines only in triple-quoted strings.
const ANYWHERE = [
  "a",
  "Z",
  " ",
  "é",
  "漢",
  "😀",
  "\t",
  "\\n",
  "\\t",
  "\\\\",
  "\\'",
  '\\"',
  "\\a",
  "\\v",
  "\\x41",
  "\\x4",
  "\\xZZ",
  "\\u00e9",
  "\\u00",
  "\\U0001F600",
  "\\U00110000",
  "\\N{BULLET}",
  "\\N{bullet}",
  "\\N{NO SUCH NAME}",
  "\\N{",
  "\\N{}",
  "\\N{LF}",
  "\\N{HANGUL SYLLABLE GAG}",
  "\\N{CJK UNIFIED IDEOGRAPH-4E00}",
  "\\0",
  "\\12",
  "\\777",
  "\\400",
  "\\8",
  "\\q",
  "\\ ",
  "\\\n",
  "\\\r\n",
  "{",
  "}",
  "%s",
];
const TRIPLE_ONLY = ["\n", "\r\n", "\r"];

const literal = fc
  .record({
    prefix: fc.constantFrom("", "r", "u", "R", "U"),
    quote: fc.constantFrom("'", '"', "'''", '"""'),
    parts: fc.array(fc.constantFrom(...ANYWHERE, ...TRIPLE_ONLY), {
      maxLength: 12,
    }),
  })
  .map(({ prefix, quote, parts }) => {
    const body = (
      quote.length === 3 ? parts : parts.filter((p) => !TRIPLE_ONLY.includes(p))
    ).join("");
    return `${prefix}${quote}${body}${quote}`;
  });

describe("decodeStringLiteral agrees with CPython", () => {
  it("on generated literals", async () => {
    await assertAgainstOracle(
      literal,
      (tokens) => cpythonParse(tokens.map((t) => `x = ${t}\n`)),
      (token, reference) => {
        const decoded = decodeStringLiteral(token);
        if (!reference.ok) {
          expect(
            decoded.kind,
            `CPython rejects ${token}: ${reference.message}`,
          ).toBe("invalid");
          return;
        }
        const [stmt] = reference.module.body;
        const value =
          stmt?.kind === "Assign" && stmt.value.kind === "Constant"
            ? stmt.value.value
            : undefined;
        expect(decoded).toEqual(str(String(value)));
      },
    );
  });
});
