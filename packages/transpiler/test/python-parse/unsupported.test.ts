/**
 * Valid Python outside the subset: each must fail with `py-unsupported` (never a generic
 * syntax error) naming the construct, at the right line:column, with a hint. CPython must
 * accept every source (so the table really is valid Python).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parsePython } from "../../src/python/parse/parse-python.js";
import { cpythonParse, type CpythonResult } from "../support/cpython-ast.js";

/** [source, line, column, words the message must contain] */
const cases: readonly (readonly [string, number, number, RegExp])[] = [
  ["class A:\n    pass\n", 1, 1, /class definitions/],
  ["@d\nclass A: pass\n", 2, 1, /class definitions/],
  ["import os\n", 1, 1, /import statements/],
  ["from a import b\n", 1, 1, /import statements/],
  ["def f():\n    return 1\n", 2, 5, /return statements/],
  ["while x:\n    pass\n", 1, 1, /while loops/],
  ["while x:\n    pass\nelse:\n    pass\n", 1, 1, /while loops/],
  [
    "try:\n    pass\nexcept E as e:\n    pass\nfinally:\n    pass\n",
    1,
    1,
    /try statements/,
  ],
  ["x = lambda: 1\n", 1, 5, /lambda expressions/],
  ["f(lambda a, b=1: a)\n", 1, 3, /lambda expressions/],
  ["x = a[0]\n", 1, 6, /subscripts/],
  ["x = a.b[1:2]\n", 1, 8, /subscripts/],
  ["a[0] = 1\n", 1, 2, /subscripts/],
  ["def f(*args):\n    pass\n", 1, 7, /'\*' parameters/],
  ["def f(**kw):\n    pass\n", 1, 7, /'\*\*' parameters/],
  ["def f(a, /, b):\n    pass\n", 1, 10, /positional-only/],
  ["def f(a=1):\n    pass\n", 1, 7, /default parameter values/],
  ["def f(a: int):\n    pass\n", 1, 7, /parameter annotations/],
  ["def f() -> int:\n    pass\n", 1, 9, /return annotations/],
  ["f(*args)\n", 1, 3, /'\*' unpacking/],
  ["f(**kw)\n", 1, 3, /'\*\*' unpacking/],
  ["x = [*a, b]\n", 1, 6, /'\*' unpacking/],
  ["x = {**a}\n", 1, 6, /'\*\*' unpacking/],
  ["if (n := 10) > 5:\n    pass\n", 1, 7, /assignment expressions/],
  ["f(y := 1)\n", 1, 5, /assignment expressions/],
  ["x = a if b else c\n", 1, 5, /conditional expressions/],
  ["x = a + b\n", 1, 7, /'\+' operator/],
  ["x = a - b\n", 1, 7, /'-' operator/],
  ["x = a * b\n", 1, 7, /'\*' operator/],
  ["x = a / b\n", 1, 7, /'\/' operator/],
  ["x = a // b\n", 1, 7, /'\/\/' operator/],
  ["x = a % b\n", 1, 7, /'%' operator/],
  ["x = a ** -b\n", 1, 7, /'\*\*' operator/],
  ["x = a @ b\n", 1, 7, /'@' operator/],
  ["x = a | b & c ^ d\n", 1, 7, /'\|' operator/],
  ["x = a << 2\n", 1, 7, /'<<' operator/],
  ["x = ~a\n", 1, 5, /bitwise inversion/],
  ["x = +a\n", 1, 5, /unary '\+'/],
  ["x = [i for i in y]\n", 1, 5, /list comprehensions/],
  ["x = {i for i in y}\n", 1, 5, /set comprehensions/],
  ["x = {k: v for k in y}\n", 1, 5, /dict comprehensions/],
  ["async def f():\n    pass\n", 1, 1, /async/],
  ["def f():\n    x = await g()\n", 2, 9, /'await'/],
  ["f(x async for x in y)\n", 1, 5, /async comprehensions/],
  ["global x\n", 1, 1, /global declarations/],
  ["def f():\n    nonlocal x\n", 2, 5, /nonlocal declarations/],
  ["del x\n", 1, 1, /del statements/],
  ["assert x, 'message'\n", 1, 1, /assert statements/],
  ["raise ValueError('bad')\n", 1, 1, /raise statements/],
  ["for x in y:\n    break\n", 2, 5, /break statements/],
  ["for x in y:\n    continue\n", 2, 5, /continue statements/],
  ["def f():\n    yield 1\n", 2, 5, /yield expressions/],
  ["def f():\n    x = yield\n", 2, 9, /yield expressions/],
  ["def f():\n    x = (yield)\n", 2, 10, /yield expressions/],
  ["x += 1\n", 1, 3, /augmented assignment \('\+='\)/],
  ["x //= 2\n", 1, 3, /augmented assignment/],
  ["x: int = 1\n", 1, 1, /annotated assignments/],
  ["x: int\n", 1, 1, /annotated assignments/],
  ["a = b = 1\n", 1, 1, /chained assignment/],
  ["a, b = 1, 2\n", 1, 1, /unpacking assignment/],
  ["(a, b) = c\n", 1, 1, /unpacking into a tuple/],
  ["[a, b] = c\n", 1, 1, /unpacking into a list/],
  ["a.b = 1\n", 1, 1, /assigning to an attribute/],
  ["*a, b = c\n", 1, 1, /'\*' unpacking/],
  ["x = 1, 2\n", 1, 5, /tuples without parentheses/],
  ["f(a), g(b)\n", 1, 1, /tuples without parentheses/],
  ["for x in 1, 2:\n    pass\n", 1, 10, /tuples without parentheses/],
  ["for a, b in c:\n    pass\n", 1, 5, /unpacking into several names/],
  ["for a.b in c:\n    pass\n", 1, 5, /assigning to an attribute/],
  ["for x in y:\n    pass\nelse:\n    pass\n", 3, 1, /for-else/],
  ["with a as (b, c):\n    pass\n", 1, 11, /unpacking into a tuple/],
  ["with a as b.c:\n    pass\n", 1, 11, /assigning to an attribute/],
  ["x = {1, 2}\n", 1, 5, /set literals/],
  ["x = ...\n", 1, 5, /ellipsis/],
  ["def f(): ...\n", 1, 10, /ellipsis/],
  ["x = b'bytes'\n", 1, 5, /bytes literals/],
  ["x = rb'bytes'\n", 1, 5, /bytes literals/],
  ["x = f'{a}'\n", 1, 5, /f-strings/],
  ["x = 'a' f'{b}'\n", 1, 9, /f-strings/],
  ["x = 1j\n", 1, 5, /complex number/],
  ["x = 2.5e3J\n", 1, 5, /complex number/],
  ["match x:\n    case 1:\n        pass\n", 1, 1, /'match' statements/],
  ["if x:\n    import os\n    pass\n", 2, 5, /import statements/],
  ["x = 1; import os\n", 1, 8, /import statements/],
  ["f(a)[0].b\n", 1, 5, /subscripts/],
];

const cpython = new Map<string, CpythonResult>();
beforeAll(async () => {
  const results = await cpythonParse(cases.map(([source]) => source));
  cases.forEach(([source], i) => {
    const r = results[i];
    if (r !== undefined) cpython.set(source, r);
  });
});

describe("unsupported constructs", () => {
  it.each(
    cases.map(
      ([source, line, column, words]) =>
        [JSON.stringify(source), source, line, column, words] as const,
    ),
  )("%s", (_label, source, line, column, words) => {
    expect(cpython.get(source)?.ok, "CPython accepts the source").toBe(true);
    const result = parsePython(source);
    expect(result.ok).toBe(false);
    const codes = result.diagnostics.map((d) => d.code);
    expect(
      codes.every((c) => c === "py-unsupported"),
      JSON.stringify(result.diagnostics),
    ).toBe(true);
    const match = result.diagnostics.find((d) => words.test(d.message));
    expect(match, JSON.stringify(result.diagnostics)).toBeDefined();
    expect(match?.span?.start).toMatchObject({ line, column });
    expect(match?.hint).toMatch(/\w/);
    expect(match?.message).toMatch(/not supported/);
  });
});
