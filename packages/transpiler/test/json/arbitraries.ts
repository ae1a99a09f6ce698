import fc from "fast-check";

/** Runs per property, from the environment so CI can raise it. */
export const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

/**
 * A JSON document as tokens with deliberately varied lexemes (escape forms, number
 * spellings), plus what those tokens mean, so tests can check decoding and lossless printing
 * without trusting the code under test.
 */
export type LexTree =
  | { readonly t: "scalar"; readonly raw: string }
  | { readonly t: "array"; readonly items: readonly LexTree[] }
  | {
      readonly t: "object";
      readonly entries: readonly {
        readonly keyRaw: string;
        readonly value: LexTree;
      }[];
    };

const shortEscapes: Readonly<Record<number, string>> = {
  0x22: '\\"',
  0x5c: "\\\\",
  0x2f: "\\/",
  0x08: "\\b",
  0x0c: "\\f",
  0x0a: "\\n",
  0x0d: "\\r",
  0x09: "\\t",
};

const codeUnit = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0, max: 0xffff }),
  fc.constantFrom(
    0x22,
    0x5c,
    0x2f,
    0x0a,
    0x00,
    0xe9,
    0x2028,
    0xfeff,
    0xd800,
    0xdc00,
    0xd83d,
    0xde00,
  ),
);

/** How one code unit is written: 0 raw (when allowed), 1 short escape (when one exists), 2 `\u` lower, 3 `\u` upper. */
const spelledUnit = fc
  .tuple(codeUnit, fc.integer({ min: 0, max: 3 }))
  .map(([unit, form]) => {
    const mustEscape = unit === 0x22 || unit === 0x5c || unit < 0x20;
    const short = shortEscapes[unit];
    const hex = unit.toString(16).padStart(4, "0");
    if (form === 0 && !mustEscape) return String.fromCharCode(unit);
    if (form <= 1 && short !== undefined) return short;
    return form === 3 ? `\\u${hex.toUpperCase()}` : `\\u${hex}`;
  });

/** Also pairs real surrogate pairs so astral characters appear raw and escaped. */
export const stringLexeme: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      spelledUnit,
      fc.constantFrom("😀", "\\ud83d\\ude00", "\\uD83D\\uDE00", "é", "e\u0301"),
    ),
    { maxLength: 12 },
  )
  .map((parts) => `"${parts.join("")}"`);

const digits = (min: number): fc.Arbitrary<string> =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: 25 })
    .map((ds) => ds.join(""));

export const numberLexeme: fc.Arbitrary<string> = fc
  .tuple(
    fc.boolean(),
    fc.oneof(
      fc.constant("0"),
      fc
        .tuple(fc.integer({ min: 1, max: 9 }), digits(0))
        .map(([d, rest]) => `${d}${rest}`),
    ),
    fc.option(digits(1), { nil: undefined }),
    fc.option(
      fc.tuple(
        fc.constantFrom("e", "E"),
        fc.constantFrom("", "+", "-"),
        digits(1),
      ),
      { nil: undefined },
    ),
  )
  .map(
    ([negative, int, frac, exp]) =>
      `${negative ? "-" : ""}${int}${frac === undefined ? "" : `.${frac}`}${exp ? exp.join("") : ""}`,
  );

const scalar: fc.Arbitrary<LexTree> = fc
  .oneof(stringLexeme, numberLexeme, fc.constantFrom("true", "false", "null"))
  .map((raw) => ({ t: "scalar", raw }));

export const lexTree: fc.Arbitrary<LexTree> = fc.letrec<{ tree: LexTree }>(
  (tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      scalar,
      fc
        .array(tie("tree"), { maxLength: 5 })
        .map((items): LexTree => ({ t: "array", items })),
      fc
        .uniqueArray(fc.record({ keyRaw: stringLexeme, value: tie("tree") }), {
          maxLength: 5,
          selector: (entry) => JSON.parse(entry.keyRaw) as string,
        })
        .map((entries): LexTree => ({ t: "object", entries })),
    ),
  }),
).tree;

export interface Layout {
  readonly indent: string | null;
  readonly keySeparator: string;
  readonly itemSeparator: string;
}

/** An independent renderer (test oracle), deliberately recursive and naive. */
export function renderLexTree(
  tree: LexTree,
  layout: Layout,
  level = 0,
): string {
  if (tree.t === "scalar") return tree.raw;
  const children =
    tree.t === "array"
      ? tree.items.map((item) => renderLexTree(item, layout, level + 1))
      : tree.entries.map(
          (entry) =>
            `${entry.keyRaw}${layout.keySeparator}${renderLexTree(entry.value, layout, level + 1)}`,
        );
  const [open, close] = tree.t === "array" ? ["[", "]"] : ["{", "}"];
  if (children.length === 0) return `${open}${close}`;
  if (layout.indent === null)
    return `${open}${children.join(layout.itemSeparator)}${close}`;
  const inner = `\n${layout.indent.repeat(level + 1)}`;
  return `${open}${inner}${children.join(`${layout.itemSeparator}${inner}`)}\n${layout.indent.repeat(level)}${close}`;
}

/** Renders with arbitrary JSON whitespace between all tokens, cycling through `gaps`. */
export function renderWithWhitespace(
  tree: LexTree,
  gaps: readonly string[],
): string {
  let k = 0;
  const gap = (): string => gaps[k++ % Math.max(gaps.length, 1)] ?? "";
  const go = (node: LexTree): string => {
    if (node.t === "scalar") return `${gap()}${node.raw}${gap()}`;
    if (node.t === "array")
      return `${gap()}[${gap()}${node.items.map(go).join(",")}${gap()}]${gap()}`;
    return `${gap()}{${gap()}${node.entries.map((entry) => `${gap()}${entry.keyRaw}${gap()}:${go(entry.value)}`).join(",")}${gap()}}${gap()}`;
  };
  return go(tree);
}

export const whitespace: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(" ", "\t", "\n", "\r", "\r\n"), { maxLength: 3 })
  .map((parts) => parts.join(""));

export const layout: fc.Arbitrary<Layout> = fc.record({
  indent: fc.constantFrom(
    null,
    "",
    " ",
    "  ",
    "   ",
    "    ",
    "        ",
    "\t",
    "\t\t",
  ),
  keySeparator: fc.constantFrom(":", ": ", " : ", " :"),
  itemSeparator: fc.constantFrom(",", ", ", " ,"),
});

/** Edits that turn valid JSON into almost-valid JSON: the interesting inputs for a parser. */
export const mutation: fc.Arbitrary<(text: string) => string> = fc.oneof(
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom(
        ..."{}[]\":,\\/'-+.0123456789eEtfnu \t\n\r\u0000\u00a0\ufeff\ud800x",
      ),
    )
    .map(
      ([at, c]) =>
        (text: string) =>
          insertAt(text, at, c),
    ),
  fc
    .tuple(fc.nat(), fc.integer({ min: 1, max: 4 }))
    .map(([at, n]) => (text: string) => {
      const i = text.length === 0 ? 0 : at % text.length;
      return text.slice(0, i) + text.slice(i + n);
    }),
  fc
    .nat()
    .map(
      (at) => (text: string) =>
        text.slice(0, text.length === 0 ? 0 : at % text.length),
    ),
  fc
    .tuple(fc.nat(), fc.nat(), fc.nat())
    .map(([from, to, at]) => (text: string) => {
      const n = Math.max(text.length, 1);
      const a = from % n;
      const b = to % n;
      return insertAt(text, at, text.slice(Math.min(a, b), Math.max(a, b)));
    }),
  fc.constantFrom<(text: string) => string>(
    (text) => `\ufeff${text}`,
    (text) => `${text},`,
    (text) => `[${text}`,
    (text) => text.replace(/,/, ",,"),
    (text) => text.replace(/]/, ",]"),
    (text) => text.replace(/"/, "'"),
    (text) => text.replace(/\d/, "01"),
  ),
);

function insertAt(text: string, at: number, piece: string): string {
  const i = at % (text.length + 1);
  return text.slice(0, i) + piece + text.slice(i);
}
