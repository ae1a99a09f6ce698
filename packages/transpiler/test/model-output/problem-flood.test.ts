/**
 * Floods of problems that are not syntax errors (constructs outside the subset, indentation
 * errors): `diagnoseAll` stops checking after the line of the 101st (`measureCheck`,
 * reason "problems"), and what it lists before the stop is exactly what checking the whole
 * text lists first. The whole text is checked "as before" by passing the limit measured
 * without counting problems (`maxProblems` = Infinity) to `diagnoseAllWithin`.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { codes } from "../../src/diagnostics/codes.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { createCompiler } from "../../src/compile/compile.js";
import { measureCheck } from "../../src/model-output/find-check-limit.js";
import {
  diagnoseAllWith,
  diagnoseAllWithin,
  MAX_REPORTED,
} from "../../src/model-output/tolerant-diagnostics.js";
import {
  loadTreeSitterPython,
  type TreeSitterPython,
} from "../../src/python/tree-sitter/load-tree-sitter.js";

const runs = Number(process.env.FLOWPY_RUNS ?? 1000);
const HANG_GUARD_MS = 2000;

let treeSitter: TreeSitterPython;
beforeAll(async () => {
  treeSitter = await loadTreeSitterPython();
});

/** The answer when problems do not stop checking (main's answer). */
function checkedWhole(python: string): readonly Diagnostic[] {
  return diagnoseAllWithin(
    treeSitter,
    python,
    measureCheck(python, MAX_REPORTED, Infinity).limit,
    false,
  );
}

const STOP = /^too many problems: checking stopped at line (\d+), column (\d+)/;

/** Checks the invariants of one text; true when problems stopped checking. */
function agreesWithWholeCheck(python: string): boolean {
  const t0 = performance.now();
  const found = diagnoseAllWith(treeSitter, python);
  expect(performance.now() - t0).toBeLessThan(HANG_GUARD_MS);
  const whole = checkedWhole(python);
  const last = found[found.length - 1];
  if (last === undefined || !STOP.test(last.message)) {
    expect(found).toEqual(whole);
    return false;
  }
  const listed = found.slice(0, -1);
  // More than 100 problems in the whole text, the first 100 listed as before.
  expect(whole.length).toBe(MAX_REPORTED + 1);
  expect(listed).toEqual(whole.slice(0, MAX_REPORTED));
  expect(last.code).toBe(codes.pyTooManyErrors);
  expect(last.span?.end.offset).toBe(python.length);
  for (const d of listed)
    expect(d.span?.start.offset ?? 0).toBeLessThan(
      last.span?.start.offset ?? 0,
    );
  return true;
}

/** Statements that are each one problem, at the start of a line of their block. */
const SIMPLE = [
  "x = y(z)",
  "import os",
  "from a import b",
  "return x",
  "pass",
  "x = lambda: 1",
  "del x",
  "yield x",
  "global g",
  "raise E from e",
  "assert x",
  "return 1; import os",
  "# a comment",
  "",
];

/** Blocks whose inner lines are indented by 4 from their first line. */
const BLOCKS = [
  ["def f(x):", "    return x"],
  ["while x:", "    y = 1", "    return x"],
  ["class C:", "    def f(self):", "        return 1"],
  [
    "try:",
    "    import os",
    "except E:",
    "    return 1",
    "finally:",
    "    del x",
  ],
  ["async def g():", "    await x"],
  ["@d", "class A:", "    pass"],
  ["for a in b:", "    x = lambda: 1", "else:", "    return 1"],
  ["if x:", "    f(lambda: 1, lambda: 2)", "elif y:", "    while z: pass"],
  ["with a as b:", "    x = (1,", "         2)"],
];

/** A flood of those at consistent levels, or of simple lines at random indentation. */
const flood: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(
      fc.tuple(
        fc.integer({ min: 0, max: 2 }),
        fc.oneof(
          fc.constantFrom(...SIMPLE).map((s) => [s]),
          fc.constantFrom(...BLOCKS),
        ),
      ),
      { minLength: 30, maxLength: 260, size: "max" },
    )
    .map((units) => {
      // Inside a workflow function (level 1, 2) or at the top.
      const lines = ["def run(order):", "    if order:"];
      for (const [level, unit] of units)
        for (const l of unit) lines.push(" ".repeat(4 * level) + l);
      return lines.join("\n") + "\n";
    }),
  fc
    .array(
      fc.tuple(fc.integer({ min: 0, max: 11 }), fc.constantFrom(...SIMPLE)),
      { minLength: 30, maxLength: 260, size: "max" },
    )
    .map(
      (lines) =>
        lines.map(([indent, s]) => " ".repeat(indent) + s).join("\n") + "\n",
    ),
);

/** Floods with syntax errors in between, at random indentation. */
const chaos: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.constantFrom(0, 4, 4, 7),
      fc.constantFrom(...SIMPLE, "x = 1 $", "x = 1 +", "else: 1"),
    ),
    { minLength: 100, maxLength: 300, size: "max" },
  )
  .map(
    (lines) =>
      lines.map(([indent, s]) => " ".repeat(indent) + s).join("\n") + "\n",
  );

describe("a flood of problems stops checking", () => {
  it.each([
    ["imports", "import os\n".repeat(150), 101, 1],
    ["returns in functions", "def f(x):\n    return x\n".repeat(150), 201, 1],
    [
      "while loops in a workflow",
      `def run(order):\n${"    while x:\n        y = 1\n".repeat(150)}`,
      202,
      5,
    ],
    [
      "unexpected indents",
      Array.from(
        { length: 250 },
        (_, i) => `${" ".repeat(i % 2 ? 0 : 3)}x = 1\n`,
      ).join(""),
      // Odd lines are indented: the 101st is line 201.
      201,
      4,
    ],
  ] as const)(
    "%s: after the 101st, listing the first 100 as before",
    (_name, text, line, column) => {
      expect(agreesWithWholeCheck(text)).toBe(true);
      const found = diagnoseAllWith(treeSitter, text);
      expect(found.length).toBe(MAX_REPORTED + 1);
      expect(found[MAX_REPORTED]?.message).toBe(
        `too many problems: checking stopped at line ${line}, column ${column}`,
      );
    },
  );

  it("counts the problems found before the stop that are not listed", () => {
    // Each line has two problems, but one is counted: 100 lines are checked.
    const text = "return 1; import os\n".repeat(150);
    const found = diagnoseAllWith(treeSitter, text);
    expect(found.length).toBe(MAX_REPORTED + 1);
    expect(found[MAX_REPORTED]?.message).toBe(
      "too many problems: checking stopped at line 101, column 1 (100 more problems found before it are not listed)",
    );
    expect(found.slice(0, -1)).toEqual(checkedWhole(text).slice(0, -1));
  });

  it("changes nothing on 100 problems or fewer", () => {
    for (const text of [
      "import os\n".repeat(MAX_REPORTED),
      "def f(x):\n    return x\n".repeat(MAX_REPORTED),
      // The while loops' bodies are not converted: their returns are no problems.
      `${"while x:\n    return 1\n".repeat(MAX_REPORTED)}`,
    ]) {
      expect(agreesWithWholeCheck(text)).toBe(false);
      expect(diagnoseAllWith(treeSitter, text).length).toBe(MAX_REPORTED);
    }
  });

  it("checks the whole text as before when the count was wrong, and never lists fewer than 100 with a stop", () => {
    // Syntax errors hide constructs from the conversion, and tree-sitter's recovery may
    // read a text cut short differently: what is listed before a stop may then differ from
    // the whole text's first problems, but a stop always comes after 100 of them.
    let fallbacks = 0;
    let stops = 0;
    fc.assert(
      fc.property(chaos, (text) => {
        const t0 = performance.now();
        const found = diagnoseAllWith(treeSitter, text);
        expect(performance.now() - t0).toBeLessThan(HANG_GUARD_MS);
        const last = found[found.length - 1];
        if (last !== undefined && STOP.test(last.message)) {
          stops++;
          expect(found.length).toBe(MAX_REPORTED + 1);
        } else if (
          measureCheck(text, MAX_REPORTED).limit?.reason === "problems"
        ) {
          fallbacks++;
          expect(found).toEqual(checkedWhole(text));
        }
      }),
      { numRuns: Math.max(40, Math.floor(runs / 8)), seed: 5 },
    );
    expect(fallbacks).toBeGreaterThan(0);
    expect(stops).toBeGreaterThan(0);
  });

  it("lists what checking the whole text lists first, on generated floods, deterministically", () => {
    let stopped = 0;
    let whole = 0;
    fc.assert(
      fc.property(flood, (text) => {
        if (agreesWithWholeCheck(text)) stopped++;
        else whole++;
        expect(JSON.stringify(diagnoseAllWith(treeSitter, text))).toBe(
          JSON.stringify(diagnoseAllWith(treeSitter, text)),
        );
      }),
      { numRuns: Math.max(30, Math.floor(runs / 8)), seed: 3 },
    );
    // Both kinds occur: the property is not vacuous.
    expect(stopped).toBeGreaterThan(5);
    expect(whole).toBeGreaterThan(5);
  });

  it("routes a flood through compile to the same answer", async () => {
    const compiler = await createCompiler();
    const text = `@workflow("w")\n@trigger(shopify.admin.order_created)\ndef run(order):\n${"    while order:\n        x = 1\n".repeat(150)}`;
    const result = compiler.compile(text);
    expect(result.ok).toBe(false);
    const expected = diagnoseAllWith(treeSitter, text);
    expect(expected[MAX_REPORTED]?.message).toMatch(STOP);
    expect(result.diagnostics.map((d) => [d.code, d.message, d.span])).toEqual(
      expected.map((d) => [d.code, d.message, d.span]),
    );
  });
});
