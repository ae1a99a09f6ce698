/**
 * fast-check arbitraries for Python source text in our subset, with random formatting
 * (spacing, redundant parentheses, bracket continuations, comments, one-line suites,
 * semicolons, tabs) and optional random edits that usually break it. Used to compare
 * the tree-sitter frontend with CPython on text nobody wrote by hand.
 */
import fc from "fast-check";

interface Gen {
  readonly text: string;
  /** 0 or, 1 and, 2 not, 3 comparison, 4 unary minus, 5 call/attribute, 6 atom. */
  readonly prec: number;
}

const gen = (text: string, prec: number): Gen => ({ text, prec });

const nameArb = fc.constantFrom(
  "a",
  "b",
  "order",
  "x_1",
  "café",
  "match",
  "print",
  "_",
  "ﬁle",
);
const spaceArb = fc.constantFrom("", " ", " ", " ", "  ");
/** Inside brackets a line break (with a comment, sometimes) is just whitespace. */
const bracketSpaceArb = fc.constantFrom(
  "",
  " ",
  "\n",
  "\n    ",
  "  # note\n  ",
  "\n\t",
);

const numberArb = fc.constantFrom(
  "0",
  "1",
  "42",
  "10.00",
  "1e5",
  "2.5E-3",
  ".5",
  "1.",
  "007.5",
  "00",
  "12345678901234567890",
);
const stringArb = fc.constantFrom(
  "'a'",
  '"b"',
  "''",
  "'''x\ny'''",
  'r"\\d+"',
  "u'é'",
  "'\\N{BULLET}'",
  "'\\x41\\n'",
  "'😀'",
  "'a' 'b'",
  "'a' \\\n 'b'",
  '"\\\'"',
);
const atomArb: fc.Arbitrary<Gen> = fc.oneof(
  nameArb.map((n) => gen(n, 6)),
  numberArb.map((n) => gen(n, 6)),
  stringArb.map((s) => gen(s, 6)),
  fc.constantFrom("True", "False", "None").map((k) => gen(k, 6)),
);

function wrap(g: Gen, min: number, extraParens: boolean): string {
  return g.prec >= min && !extraParens ? g.text : `(${g.text})`;
}

const cmpArb = fc.constantFrom(
  "==",
  "!=",
  "<",
  "<=",
  ">",
  ">=",
  "in",
  "not in",
  "is",
  "is not",
);

const { expr } = fc.letrec<{ expr: Gen }>((tie) => {
  const sub = tie("expr");
  const extra = fc.constantFrom(false, false, false, false, true);
  const operand = (min: number) =>
    fc.tuple(sub, extra).map(([g, p]) => wrap(g, min, p));
  return {
    expr: fc.oneof(
      { maxDepth: 4, depthSize: "small", withCrossShrink: true },
      atomArb,
      fc
        .tuple(operand(0), spaceArb, operand(1))
        .map(([l, s, r]) => gen(`${l} ${s}or ${r}`, 0)),
      fc
        .tuple(operand(1), spaceArb, operand(2))
        .map(([l, s, r]) => gen(`${l}${s} and ${r}`, 1)),
      operand(2).map((o) => gen(`not ${o}`, 2)),
      fc
        .tuple(
          operand(4),
          fc.array(fc.tuple(cmpArb, operand(4)), {
            minLength: 1,
            maxLength: 3,
          }),
        )
        .map(([first, rest]) =>
          gen([first, ...rest.map(([op, o]) => `${op} ${o}`)].join(" "), 3),
        ),
      fc.tuple(spaceArb, operand(4)).map(([s, o]) => gen(`-${s}${o}`, 4)),
      fc
        .tuple(operand(5), nameArb)
        .map(([o, n]) => gen(`${/^[0-9.]/.test(o) ? `(${o})` : o}.${n}`, 5)),
      fc
        .tuple(
          operand(5),
          fc.array(operand(0), { maxLength: 3 }),
          fc.array(fc.tuple(nameArb, operand(0)), { maxLength: 2 }),
          bracketSpaceArb,
          fc.boolean(),
        )
        .map(([f, args, kws, s, trailing]) => {
          const parts = [...args, ...kws.map(([k, v]) => `${k}=${v}`)];
          const comma = trailing && parts.length > 0 ? "," : "";
          return gen(`${f}(${s}${parts.join(`,${s || " "}`)}${comma})`, 5);
        }),
      fc
        .tuple(
          operand(5),
          operand(0),
          nameArb,
          operand(0),
          fc.option(operand(0)),
        )
        .map(([f, elt, n, iter, cond]) =>
          gen(
            `${f}(${elt} for ${n} in ${iter}${cond === null ? "" : ` if ${cond}`})`,
            5,
          ),
        ),
      fc
        .tuple(
          fc.array(operand(0), { maxLength: 3 }),
          bracketSpaceArb,
          fc.boolean(),
        )
        .map(([elts, s, trailing]) =>
          gen(
            `[${s}${elts.join(`,${s || " "}`)}${trailing && elts.length > 0 ? "," : ""}]`,
            6,
          ),
        ),
      fc
        .array(operand(0), { maxLength: 3 })
        .map((elts) =>
          gen(
            elts.length === 1 ? `(${elts[0] ?? ""},)` : `(${elts.join(", ")})`,
            6,
          ),
        ),
      fc
        .array(fc.tuple(operand(0), operand(0)), { maxLength: 3 })
        .map((pairs) =>
          gen(`{${pairs.map(([k, v]) => `${k}: ${v}`).join(", ")}}`, 6),
        ),
      fc
        .tuple(
          operand(0),
          nameArb,
          operand(0),
          fc.array(operand(0), { maxLength: 2 }),
        )
        .map(([elt, n, iter, ifs]) =>
          gen(
            `(${elt} for ${n} in ${iter}${ifs.map((c) => ` if ${c}`).join("")})`,
            6,
          ),
        ),
    ),
  };
});

const exprText = expr.map((g) => g.text);
/**
 * The value of an assignment or the iterable of a `for`. Never an unparenthesised tuple:
 * outside the subset (and tree-sitter-python can misread `x = [], y` followed by a line
 * starting with `[`: it takes the tuple for a pattern list and joins the lines).
 */
const rhsArb = exprText;

type Block = readonly string[];

const simpleArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(nameArb, spaceArb, rhsArb)
    .map(([n, s, v]) => `${n}${s}=${s || " "}${v}`),
  exprText,
  fc.constant("pass"),
);

const commentArb = fc.constantFrom("", "", "", "  # comment", " # é 😀");

function indentBlock(lines: Block, unit: string): string[] {
  return lines.map((l) => (l === "" ? "" : unit + l));
}

const { block } = fc.letrec<{ block: Block; statement: Block }>((tie) => {
  const body = fc.tuple(
    tie("block"),
    fc.constantFrom("    ", "  ", "\t", "        "),
  );
  const suite = (header: string) =>
    fc.oneof(
      { depthSize: "small" },
      fc
        .tuple(simpleArb, commentArb)
        .map(([s, c]) => [`${header} ${s}${c}`] as Block),
      fc
        .tuple(body, commentArb)
        .map(
          ([[lines, unit], c]) =>
            [`${header}${c}`, ...indentBlock(lines, unit)] as Block,
        ),
    );
  return {
    statement: fc.oneof(
      { maxDepth: 3, depthSize: "small", withCrossShrink: true },
      fc.tuple(simpleArb, commentArb).map(([s, c]) => [`${s}${c}`]),
      fc
        .array(simpleArb, { minLength: 2, maxLength: 3 })
        .map((s) => [s.join("; ")]),
      exprText.chain((test) =>
        fc
          .tuple(
            suite(`if ${test}:`),
            fc.array(
              exprText.chain((t) => suite(`elif ${t}:`)),
              { maxLength: 2 },
            ),
            fc.option(suite("else:")),
          )
          .map(([first, elifs, orelse]) => [
            ...first,
            ...elifs.flat(),
            ...(orelse ?? []),
          ]),
      ),
      fc
        .tuple(nameArb, rhsArb)
        .chain(([n, iter]) => suite(`for ${n} in ${iter}:`)),
      fc
        .array(fc.tuple(exprText, fc.option(nameArb)), {
          minLength: 1,
          maxLength: 2,
        })
        .chain((items) =>
          suite(
            `with ${items.map(([e, n]) => (n === null ? e : `${e} as ${n}`)).join(", ")}:`,
          ),
        ),
      fc
        .tuple(
          fc.array(
            exprText.filter((e) => !e.includes("\n")),
            { maxLength: 2 },
          ),
          nameArb,
          fc.uniqueArray(nameArb, { maxLength: 3 }),
        )
        .chain(([decorators, n, params]) =>
          suite(`def ${n}(${params.join(", ")}):`).map((lines) => [
            ...decorators.map((d) => `@${d}`),
            ...lines,
          ]),
        ),
    ),
    block: fc
      .array(fc.oneof(tie("statement"), fc.constant([""] as Block)), {
        minLength: 1,
        maxLength: 3,
      })
      .map((parts) => {
        const lines = parts.flat();
        return lines.some((l) => l !== "") ? lines : ["pass"];
      }),
  };
});

export const programArb: fc.Arbitrary<string> = fc
  .tuple(block, fc.constantFrom("\n", "\n", "\r\n"), fc.boolean())
  .map(
    ([lines, eol, finalNewline]) => lines.join(eol) + (finalNewline ? eol : ""),
  );

const EDITS = [
  "",
  " ",
  "(",
  ")",
  "[",
  ":",
  ",",
  "\n",
  "\t",
  "'",
  '"',
  "\\",
  "#",
  "=",
  "not ",
  "    ",
  "\u00a0",
  ".",
];

/** A program, or the same program with one random character edit. */
export const editedProgramArb: fc.Arbitrary<string> = fc
  .tuple(
    programArb,
    fc.nat(),
    fc.nat({ max: 1 }),
    fc.constantFrom(...EDITS),
    fc.boolean(),
  )
  .map(([text, at, remove, insert, edit]) => {
    if (!edit || text.length === 0) return text;
    const i = at % text.length;
    return text.slice(0, i) + insert + text.slice(i + remove);
  });

/** Valid Python 3.11 outside the subset (grammars/python-subset.ebnf part 4). */
const UNSUPPORTED = [
  "x = a[0]",
  "x = a[1:2]",
  "x = a + 1",
  "x = -a * 2",
  "x = ~a",
  "x = +a",
  "x = lambda: 1",
  "x = a if b else c",
  "f(*args)",
  "f(**kwargs)",
  "x = {1, 2}",
  "x = [y for y in z]",
  "x = {k: v for k, v in z}",
  "x = ...",
  "x = b'raw'",
  "x = f'{a}'",
  "x = 1j",
  "x = (y := 1)",
  "x = {**a}",
  "x = [*a]",
  "return",
  "import os",
  "from a import b",
  "del x",
  "x += 1",
  "a, b = c",
  "x: int = 1",
  "x: int",
  "a.b = 1",
  "a[0] = 1",
  "a = b = 1",
  "class A:\n    pass",
  "while x:\n    pass",
  "try:\n    pass\nexcept E:\n    pass",
  "for a, b in c:\n    pass",
  "for x in y:\n    pass\nelse:\n    pass",
  "with a as b.c:\n    pass",
  "def f(a=1):\n    pass",
  "def f(*a):\n    pass",
  "def f(a: int):\n    pass",
  "def f() -> int:\n    pass",
  "async def f():\n    pass",
  "global x",
  "assert x",
  "raise E",
  "x = a, b",
  "if x:\n    break",
  "x = (yield)",
  "match x:\n    case 1:\n        pass",
];

/** A program in the subset followed by one construct outside it. */
export const unsupportedProgramArb: fc.Arbitrary<string> = fc
  .tuple(programArb, fc.constantFrom(...UNSUPPORTED))
  .map(([text, extra]) => `${text.replace(/\s*$/, "")}\n${extra}\n`);
