import fc from "fast-check";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { codes } from "../../src/diagnostics/codes.js";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { MAX_LINE_TOKENS } from "../../src/model-output/find-check-limit.js";
import {
  checkLimitOf,
  diagnoseAll,
  diagnoseAllWith,
  diagnoseAllWithin,
  fastParserAccepts,
  MAX_REPORTED,
} from "../../src/model-output/tolerant-diagnostics.js";
import {
  bracketStatementOf,
  statementExtents,
} from "../../src/model-output/statement-extents.js";
import { splitLines } from "../../src/model-output/split-lines.js";
import {
  loadTreeSitterPython,
  type TreeSitterPython,
} from "../../src/python/tree-sitter/load-tree-sitter.js";
import { corpusCases } from "../support/corpus.js";
import { containsUnsupported, cpythonParse } from "../support/cpython-ast.js";

const runs = Number(process.env.FLOWPY_RUNS ?? 1000);

const brief = (ds: readonly Diagnostic[]): string[] =>
  ds.map(
    (d) =>
      `${d.code} ${d.span?.start.line ?? 0}:${d.span?.start.column ?? 0} ${d.message}`,
  );

interface Case {
  readonly name: string;
  readonly python: string;
  readonly expected: readonly string[];
}

const HEAD =
  '@workflow("Tag orders")\n@trigger(shopify.orders.order_created)\ndef main(order):\n';

const cases: readonly Case[] = [
  {
    name: "valid code",
    python:
      HEAD + '    shopify.add_order_tags(order_id=order.id, tags=["a"])\n',
    expected: [],
  },
  {
    name: "unsupported constructs everywhere (the frontend already reports all)",
    python: "import os\nwhile x:\n    pass\ndef f():\n    return 1\n",
    expected: [
      "py-unsupported 1:1 unsupported Python construct: `import` statements",
      "py-unsupported 2:1 unsupported Python construct: `while` loops",
      "py-unsupported 5:5 unsupported Python construct: `return` statements",
    ],
  },
  {
    name: "two unfinished expressions on consecutive lines",
    python: "x = 1 +\ny = 2 +\nz = 3\n",
    expected: [
      "py-syntax 1:5 invalid syntax: unexpected `1`",
      "py-syntax 2:5 invalid syntax: unexpected `2`",
    ],
  },
  {
    name: "syntax errors and an unsupported construct after them",
    python: HEAD + "    x = = 1\n    y = ) \n    while True:\n        pass\n",
    expected: [
      "py-syntax 4:9 invalid syntax: unexpected `=`",
      "py-syntax 5:5 invalid syntax: unexpected `y`",
      "py-unsupported 6:5 unsupported Python construct: `while` loops",
    ],
  },
  {
    name: "an unsupported construct inside a block whose header is broken",
    python: "if x ==:\n    import os\n",
    expected: [
      "py-syntax 1:6 invalid syntax: unexpected `==`",
      "py-unsupported 2:5 unsupported Python construct: `import` statements",
    ],
  },
  {
    name: "an unsupported construct before an error tree-sitter places a line late",
    python: "while x:\n    pass\nx = 1 +\nimport os\n",
    expected: [
      "py-unsupported 1:1 unsupported Python construct: `while` loops",
      "py-syntax 4:1 invalid syntax: unexpected `import`",
    ],
  },
  {
    name: "an unclosed bracket swallows the rest: reported once",
    python: "x = (1 +\ny = 2\nwhile x:\n    pass\n",
    expected: ["py-syntax 1:5 '(' was never closed"],
  },
];

describe("diagnoseAll", () => {
  let treeSitter: TreeSitterPython;
  beforeAll(async () => {
    treeSitter = await loadTreeSitterPython();
  });

  it.each(cases)("$name", async (c) => {
    expect(brief(await diagnoseAll(c.python))).toEqual(c.expected);
  });

  it("reports more than the frontend's single pass where that one stops early", async () => {
    const text =
      HEAD + "    x = = 1\n    y = ) \n    while True:\n        pass\n";
    expect(treeSitter.parse(text).diagnostics.length).toBe(2);
    expect((await diagnoseAll(text)).length).toBe(3);
  });

  it("names the text's own token where tree-sitter names a placeholder", async () => {
    // A later round blanks line 4 to `0`, and the error it then finds at the end of line 3
    // runs into that line: its message named the `0`, which the model never wrote.
    const python = [
      '@workflow("Lookup result with a condition tree")',
      "  run(product, oldStatus):",
      '    if oldStatus == "DRAFT" and product.statusdef== "ACTIVE":',
      "@trigger(shopify.admin.product_status_updated)",
      '        shopify.admin.add_product_tags(product_id=product.id, tags=["launched"])',
      "",
    ].join("\n");
    const found = brief(await diagnoseAll(python));
    expect(found).toContain("py-syntax 3:62 invalid syntax: unexpected `@`");
    expect(found.filter((d) => d.includes("`0`"))).toEqual([]);
  });

  it("on mutated corpus files: never throws, empty iff valid, sorted, no duplicates, deterministic", async () => {
    const files = corpusCases().map((c) =>
      readFileSync(c.golden, "utf8").split("\n"),
    );
    const mutation = fc.record({
      file: fc.nat({ max: files.length - 1 }),
      edits: fc.array(
        fc.record({
          at: fc.nat(),
          kind: fc.constantFrom("delete", "duplicate", "swap", "insert"),
          text: fc.constantFrom(
            "x = = 1",
            "    while x:",
            "import os",
            "  )",
            "def f(:",
            "'''",
            "    y = (",
            "@",
          ),
        }),
        { minLength: 1, maxLength: 4 },
      ),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ file, edits }) => {
        const lines = [...(files[file] ?? [])];
        for (const e of edits) {
          const i = e.at % Math.max(1, lines.length);
          if (e.kind === "delete") lines.splice(i, 1);
          else if (e.kind === "duplicate") lines.splice(i, 0, lines[i] ?? "");
          else if (e.kind === "insert") lines.splice(i, 0, e.text);
          else {
            const a = lines[i] ?? "";
            lines[i] = lines[i + 1] ?? "";
            lines[i + 1] = a;
          }
        }
        const text = lines.join("\n");
        const all = await diagnoseAll(text);
        expect(all.length === 0).toBe(treeSitter.parse(text).ok);
        const keys = all.map(
          (d) =>
            `${d.code}|${d.span?.start.offset}|${d.span?.end.offset}|${d.message}`,
        );
        expect(new Set(keys).size).toBe(keys.length);
        for (let i = 1; i < all.length; i++)
          expect(all[i]?.span?.start.offset ?? 0).toBeGreaterThanOrEqual(
            all[i - 1]?.span?.start.offset ?? 0,
          );
        expect(await diagnoseAll(text)).toEqual(all);
        for (const d of all)
          expect(d.span === undefined || d.span.end.offset <= text.length).toBe(
            true,
          );
      }),
      { numRuns: runs },
    );
  });

  it("never throws on random text", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: "binary", maxLength: 200 }),
        async (text) => {
          const all = await diagnoseAll(text);
          expect(Array.isArray(all)).toBe(true);
        },
      ),
      { numRuns: runs },
    );
  });
});

describe("diagnoseAll on an error in a statement of several lines", () => {
  const call = (tags: string, after = "") =>
    `    shopify.add_order_tags(\n        order_id=order.id,\n        tags=["${tags}"],\n    )${after}\n`;
  const body =
    '        shopify.add_order_tags(order_id=order.id, tags=["a"])\n';
  // One mistake each, reported on line `mistake`, in a statement that starts on line
  // `first` (CPython may point anywhere from there to the mistake).
  const cases = [
    {
      name: "a line that opens a bracket closed three lines later",
      text:
        HEAD +
        '    shopify.flow.send_http_request(\n        method="PUT",\n        note =\n        headers=[\n            ["a", "b"],\n        ],\n        body="x",\n    )\n' +
        call("a"),
      first: 4,
      mistake: 7,
    },
    {
      name: "the first line of a statement, opening a bracket",
      text:
        HEAD + "    x = = [\n        1,\n    ]\n    y = [\n        2,\n    ]\n",
      first: 4,
      mistake: 4,
    },
    {
      name: "a line that only closes a bracket",
      text: HEAD + call("a", " x") + call("b"),
      first: 4,
      mistake: 7,
    },
    {
      name: "a closer followed by more code",
      text:
        HEAD +
        call("a", " = 1") +
        '    if order.id:\n        shopify.add_order_tags(order_id=order.id, tags=["b"])\n',
      first: 4,
      mistake: 7,
    },
    {
      name: "the last line of a block header of several lines",
      text:
        HEAD +
        '    if any(\n        t == "a" for t in order.tags\n    ) x:\n' +
        body +
        '    shopify.add_order_tags(order_id=order.id, tags=["b"])\n',
      first: 4,
      mistake: 6,
    },
    {
      name: "the first line of a decorated definition of several lines",
      text:
        '@workflow("Tag orders")\n@trigger(shopify.orders.order_created)\ndef main(order, =\n    x,\n):\n' +
        body.slice(4),
      first: 3,
      mistake: 3,
    },
    {
      name: "a line inside a call, ending with a comma",
      text:
        HEAD +
        '    shopify.flow.send_email(\n        ="a@example.com",\n        subject="x",\n    )\n' +
        call("a"),
      first: 4,
      mistake: 5,
    },
    {
      name: "a block header that lost its colon",
      text:
        HEAD +
        "    for t in order.tags\n        shopify.add_order_tags(order_id=order.id, tags=[t])\n" +
        call("a"),
      first: 4,
      mistake: 4,
    },
    {
      name: "the first line of a string of several lines",
      text: HEAD + '    x = = """a\nb {{ c }}\n"""\n' + call("a"),
      first: 4,
      mistake: 4,
    },
    {
      name: "the last line of a string of several lines",
      text: HEAD + '    x = """a\nb {{ c }}\n""" y\n' + call("a"),
      first: 4,
      mistake: 6,
    },
    {
      name: "a block header of several lines without a body",
      text:
        HEAD +
        '    if any(\n        t == "a" for t in order.tags\n    ) x:\n    shopify.add_order_tags(order_id=order.id, tags=["b"])\n',
      first: 4,
      mistake: 6,
    },
  ];

  it("reports the mistake once, and nothing on the valid lines around it", async () => {
    const reference = await cpythonParse(cases.map((c) => c.text));
    for (const [i, { name, text, first, mistake }] of cases.entries()) {
      const expected = reference[i];
      expect(expected?.ok, name).toBe(false);
      const line = expected?.ok === false ? expected.line : 0;
      expect(line, name).toBeGreaterThanOrEqual(first);
      expect(line, name).toBeLessThanOrEqual(mistake + 1);
      const all = await diagnoseAll(text);
      expect(
        all.map((d) => d.span?.start.line),
        name,
      ).toEqual([mistake]);
    }
  });

  it("knows a statement's lines only when its brackets all match", () => {
    const ranges = (text: string): string[] => {
      const extents = statementExtents(text, splitLines(text));
      return splitLines(text).flatMap((_, l) => {
        const r = bracketStatementOf(extents, l);
        return r === undefined ? [] : [`${l}:${r.first}-${r.last}`];
      });
    };
    expect(ranges("x = 1\ny = f(\n  a,\n  [b]) + g(\n  c)\nz = 2\n")).toEqual([
      "1:1-4",
      "3:1-4",
      "4:1-4",
    ]);
    // Brackets in strings and comments do not count; a string may span lines.
    expect(ranges('x = f("(", # [\n  """\n)""")\n')).toEqual([
      "0:0-2",
      "1:0-2",
      "2:0-2",
    ]);
    expect(ranges("x = f(\\\n  a)\r\ny = [1,\r  2]")).toEqual([
      "0:0-1",
      "1:0-1",
      "2:2-3",
      "3:2-3",
    ]);
    // A string of several lines, or a backslash, outside brackets: blanked alone, its
    // first line would turn the rest of the string into code, its last line would take
    // the closing quotes away.
    expect(ranges('x = 1\ny = """a\nb\nc""" + \\\n  z\nw = 2\n')).toEqual([
      "1:1-4",
      "2:1-4",
      "3:1-4",
    ]);
    // Unknown: the wrong closer, a bracket never closed, a closer of nothing, a string
    // left open.
    expect(ranges("x = f(\n  a]\ny = 1\n")).toEqual([]);
    expect(ranges("x = f(\n  a,\ny = 1\n")).toEqual([]);
    expect(ranges("x = 1\n  )\n")).toEqual([]);
    expect(ranges("x = f(\n  'a,\n)\n")).toEqual([]);
    expect(ranges('x = f(\n  """a,\n)\n')).toEqual([]);
    // Balanced lines are left to the one-line rule.
    expect(ranges("x = f(a)\ny = [1, (2)]\n")).toEqual([]);
  });

  it("keeps reporting a second mistake after the statement", async () => {
    const text =
      HEAD +
      '    shopify.flow.send_http_request(\n        note =\n        headers=[\n            ["a", "b"],\n        ],\n    )\n    x = = 1\n' +
      call("a");
    const all = await diagnoseAll(text);
    expect(all.map((d) => d.span?.start.line)).toEqual([6, 10]);
  });
});

describe("diagnoseAll on a file ending in a backslash", () => {
  // CPython accepts a final backslash before \r\n but not before \n, \r or nothing.
  const endings = ["\\\r\n", "\\\n", "\\\r", "\\", " \\\r\n"];
  const bodies = [
    "pass",
    "x = 1",
    "x = 1 +",
    "if x:\r\n    pass",
    HEAD.replaceAll("\n", "\r\n") + "    pass",
    "f(",
  ];
  const texts = bodies.flatMap((b) => endings.map((e) => b + e));

  it("reports an error exactly when CPython does", async () => {
    const reference = await cpythonParse(texts);
    for (const [i, text] of texts.entries()) {
      const all = await diagnoseAll(text);
      expect(all.length === 0, JSON.stringify(text)).toBe(
        reference[i]?.ok === true && !containsUnsupported(reference[i]),
      );
    }
  });
});

describe("diagnoseAll on a large file", () => {
  it("reports errors spread over 100 KB (2 s hang guard; latency is in pnpm bench)", async () => {
    const body = Array.from({ length: 2000 }, (_, i) =>
      i % 400 === 7
        ? "    x = = 1\n"
        : '    shopify.add_order_tags(order_id=order.id, tags=["a"])\n',
    ).join("");
    const text = HEAD + body;
    const start = performance.now();
    const all = await diagnoseAll(text);
    const ms = performance.now() - start;
    expect(all.map((d) => d.span?.start.line)).toEqual([
      11, 411, 811, 1211, 1611,
    ]);
    expect(ms).toBeLessThan(2000);
  });
});

describe("diagnoseAll bounds its work", () => {
  let treeSitter: TreeSitterPython;
  beforeAll(async () => {
    treeSitter = await loadTreeSitterPython();
  });
  const broken = (n: number): string => "x = = 1\n".repeat(n);

  it(`lists at most ${MAX_REPORTED} diagnostics, then counts the others`, async () => {
    // Problems without a keyword of their own are not counted by `measureCheck` (only
    // statements and expressions it recognises by a keyword, see problem-flood.test.ts):
    // all are checked, 100 listed.
    const text = "x = a + b\n".repeat(150);
    const all = await diagnoseAll(text);
    expect(all.length).toBe(MAX_REPORTED + 1);
    expect(all.slice(0, MAX_REPORTED).map((d) => d.span?.start.line)).toEqual(
      Array.from({ length: MAX_REPORTED }, (_, i) => i + 1),
    );
    const last = all[MAX_REPORTED];
    expect(last?.code).toBe(codes.pyTooManyErrors);
    expect(last?.message).toContain("… and 50 more problems");
    expect(last?.span?.start.line).toBe(MAX_REPORTED + 1);
    expect(last?.span?.end.offset).toBe(text.length);
  });

  it("stops checking where the suspicious tokens exceed the budget, and says where", async () => {
    const text = broken(1000);
    const all = await diagnoseAll(text);
    const last = all[all.length - 1];
    expect(last?.code).toBe(codes.pyTooManyErrors);
    expect(last?.message).toMatch(/checking stopped at line \d+, column 5/);
    expect(last?.span?.end.offset).toBe(text.length);
    const listed = all.slice(0, -1);
    expect(listed.length).toBeGreaterThan(50);
    expect(listed.length).toBeLessThanOrEqual(MAX_REPORTED);
    for (const d of listed) {
      expect(d.code).toBe("py-syntax");
      expect(d.span?.end.offset ?? 0).toBeLessThan(
        last?.span?.start.offset ?? 0,
      );
    }
  });

  it("stops at CPython's nesting limit without reporting the brackets it cut", async () => {
    const depth = 5000;
    const text = `y = (1\nx = ${"(".repeat(depth)}1${")".repeat(depth)}\n`;
    expect(brief(await diagnoseAll(text))).toEqual([
      "py-syntax 2:204 too many nested parentheses",
    ]);
  });

  it("stops at a line of more tokens than tree-sitter reads quickly, after the lines before it", async () => {
    // `+` is outside the subset, so the full line would be one py-unsupported.
    const text = `y = = 1\nx = ${"a + ".repeat(MAX_LINE_TOKENS)}1\nz = )\n`;
    // Token 5,001 is the 2,500th `a`.
    const stop = `x = ${"a + ".repeat(MAX_LINE_TOKENS / 2 - 1)}`.length + 1;
    expect(brief(await diagnoseAll(text))).toEqual([
      "py-syntax 1:5 invalid syntax: unexpected `=`",
      `py-too-large 2:${stop} a statement of more than ${MAX_LINE_TOKENS} tokens on one line: checking stopped at line 2, column ${stop}`,
    ]);
    const short = `x = ${"a + ".repeat(MAX_LINE_TOKENS / 2 - 2)}1\n`;
    expect(brief(await diagnoseAll(short))).toEqual([
      "py-unsupported 1:5 unsupported Python construct: the binary operator `+`",
    ]);
  });

  it("does not stop at a long line of valid code (the fast parser reads it)", async () => {
    const list = `x = [${"1, ".repeat(MAX_LINE_TOKENS)}1]\n`;
    expect(await diagnoseAll(list)).toEqual([]);
    const statements = "x = 1; ".repeat(MAX_LINE_TOKENS);
    expect(await diagnoseAll(statements)).toEqual([]);
  });

  it("does not cut or cap ordinary model output", async () => {
    for (const c of corpusCases().slice(0, 40)) {
      const text = readFileSync(c.golden, "utf8");
      expect(await diagnoseAll(text), c.name).toEqual([]);
    }
  });

  it("re-parses incrementally texts of any length, block-aligned ones included", () => {
    for (const length of [255, 256, 257, 512, 4096]) {
      const line = "x = f(a)\n";
      const text = line
        .repeat(Math.ceil(length / line.length))
        .slice(0, length - 1)
        .concat("\n");
      expect(text.length).toBe(length);
      const session = treeSitter.session();
      try {
        for (const variant of [text, `y${text.slice(1)}`, text])
          expect(session.parse(variant)).toEqual(treeSitter.parse(variant));
      } finally {
        session.close();
      }
    }
  });

  it("gives the same results with incremental re-parsing as with fresh parses", async () => {
    const edits = lineEdits("0", "x = = 1", "if 1:", "    )", "'", "(");
    fc.assert(
      fc.property(edits, (edit) => {
        const session = treeSitter.session();
        try {
          for (const text of editedTexts(edit))
            expect(session.parse(text)).toEqual(treeSitter.parse(text));
        } finally {
          session.close();
        }
      }),
      { numRuns: Math.max(100, runs / 4) },
    );
  });

  it("gives parse's diagnostics when the fast parser stands in for the conversion", () => {
    // Valid lines, lines outside the subset and broken ones, so that every kind of
    // round happens: syntax errors, clean syntax with and without unsupported constructs.
    const edits = lineEdits(
      "0",
      "    0",
      "x = 1 + 2",
      "    import os",
      "    while x:",
      "        pass",
      " \tx = 1",
      `    y = ${"a.".repeat(1_200)}b`,
      "x = = 1",
      "if 1:",
      "    )",
    );
    let vouched = 0;
    fc.assert(
      fc.property(edits, (edit) => {
        const session = treeSitter.session();
        try {
          for (const text of editedTexts(edit)) {
            const parsed = treeSitter.parse(text);
            const judged = session.diagnose(text, (t) => {
              const accepted = fastParserAccepts(t);
              if (accepted) vouched++;
              return accepted;
            });
            expect(judged).toEqual(parsed.ok ? [] : parsed.diagnostics);
          }
        } finally {
          session.close();
        }
      }),
      { numRuns: Math.max(100, runs / 4) },
    );
    expect(vouched).toBeGreaterThan(0);
  });

  it("answers as tree-sitter first would when the fast parser is asked first", () => {
    // Valid edits (the fast parser vouches), edits outside the subset or against the
    // guards (tree-sitter decides) and broken ones (the fast parser rejects).
    const edits = lineEdits(
      "0",
      "    0",
      "x = 1 + 2",
      "    import os",
      " \tx = 1",
      `    y = ${"a.".repeat(1_200)}b`,
      `    y = ${"(".repeat(60)}1${")".repeat(60)}`,
      "x = = 1",
      "    )",
      "\\",
    );
    let vouched = 0;
    let rejected = 0;
    fc.assert(
      fc.property(edits, (edit) => {
        for (const text of editedTexts(edit)) {
          const limit = checkLimitOf(text);
          if (fastParserAccepts(text)) vouched++;
          else rejected++;
          // What `diagnoseAllWith` did before it asked the fast parser first.
          const treeSitterFirst =
            limit?.reason === "long-line" && fastParserAccepts(text)
              ? []
              : diagnoseAllWithin(treeSitter, text, limit, false);
          expect(diagnoseAllWith(treeSitter, text)).toEqual(treeSitterFirst);
        }
      }),
      { numRuns: Math.max(100, runs / 4) },
    );
    expect(vouched).toBeGreaterThan(0);
    expect(rejected).toBeGreaterThan(0);
  });
});

interface LineEdit {
  /** A corpus file's text. */
  readonly file: string;
  readonly steps: readonly { readonly line: number; readonly text: string }[];
}

/** A corpus file and one to four of its lines replaced in turn by one of `texts`. */
function lineEdits(...texts: string[]): fc.Arbitrary<LineEdit> {
  const files = corpusCases().map((c) => readFileSync(c.golden, "utf8"));
  return fc.record({
    file: fc.constantFrom(...files),
    steps: fc.array(
      fc.record({ line: fc.nat(), text: fc.constantFrom(...texts) }),
      { minLength: 1, maxLength: 4 },
    ),
  });
}

/** The file's text after each step of `edit`, as a session sees one variant after another. */
function* editedTexts(edit: LineEdit): Iterable<string> {
  let lines = edit.file.split("\n");
  for (const step of edit.steps) {
    lines = [...lines];
    lines[step.line % lines.length] = step.text;
    yield lines.join("\n");
  }
}
