/**
 * Formatting never changes the AST: quotes, spacing, line breaks, trailing commas,
 * comments, backslash continuations, tabs and line endings all give the same tree.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parsePython } from "../../src/python/parse/parse-python.js";
import {
  cpythonParse,
  normalizeAst,
  type CpythonResult,
} from "../support/cpython-ast.js";

const groups: Readonly<Record<string, readonly string[]>> = {
  quotes: [
    "x = f('a', b='c')\n",
    'x = f("a", b="c")\n',
    "x = f('''a''', b=\"\"\"c\"\"\")\n",
    "x = f(u'a', b=r'c')\n",
    "x = f('' 'a' \"\", b='c' '')\n",
  ],
  spacing: [
    "x = f(a, b=1)\n",
    "x=f(a,b=1)\n",
    "x  =  f ( a ,  b = 1 )\n",
    "x\t=\tf(a,\tb=1)\n",
    "x = f(a, b=1)   \n",
    "x = f(a, b=1);\n",
  ],
  lineBreaks: [
    "x = f(a, b=[1, 2])\n",
    "x = f(\n    a,\n    b=[1, 2],\n)\n",
    "x = f(a,\n      b=[1,\n         2])\n",
    "x = f(\na\n,\nb\n=\n[\n1\n,\n2\n]\n)\n",
    "x = \\\n    f(a, b=[1, 2])\n",
    "x \\\n= \\\nf(a, b=[1, 2])\n",
    "x = f(a, b=[1, 2])",
    "x = f(a, b=[1, 2])\r\n",
    "x = f(a,\r\n b=[1, 2])\r\n",
    "x = f(a,\r b=[1, 2])\r",
  ],
  trailingCommas: [
    "x = f(a, b=[1, 2], c={'k': 1}, d=(1, 2))\n",
    "x = f(a, b=[1, 2,], c={'k': 1,}, d=(1, 2,),)\n",
  ],
  comments: [
    "if a:\n    f(x)\nelse:\n    g(x)\n",
    "# head\nif a:  # why\n    # inside\n    f(x)  # call\n# between\nelse:\n\n    g(x)\n# tail\n",
    "if a:\n    f(\n        x,  # the argument\n    )\nelse:\n    g(x)\n",
    "if a: f(x)\nelse: g(x)\n",
    "if (a):\n    f((x))\nelse:\n    g(x)\n",
  ],
  indentation: [
    "def f(a):\n    if a:\n        g(a)\n    h(a)\n",
    "def f(a):\n  if a:\n    g(a)\n  h(a)\n",
    "def f(a):\n\tif a:\n\t\tg(a)\n\th(a)\n",
    "def f(a):\n        if a:\n                g(a)\n        h(a)\n",
    "def f(a):\n    if a: g(a)\n    h(a)\n",
    "def f(a):\n    if a:\n\n\n        g(a)\n\n    h(a)\n\n\n",
  ],
  operators: [
    "x = a is not None and b not in c\n",
    "x = a  is   not  None  and  b  not   in  c\n",
    "x = (a is not None) and (b not in c)\n",
    "x = (a\n     is not None\n     and b\n     not in c)\n",
  ],
};

const all = Object.values(groups).flat();
const cpython = new Map<string, CpythonResult>();
beforeAll(async () => {
  const results = await cpythonParse(all);
  all.forEach((s, i) => {
    const r = results[i];
    if (r !== undefined) cpython.set(s, r);
  });
});

describe.each(Object.entries(groups))(
  "%s variants give one AST",
  (_group, variants) => {
    it("parses every variant to the same tree, equal to CPython's", () => {
      const trees = variants.map((source) => {
        const result = parsePython(source);
        if (!result.ok)
          throw new Error(
            `${JSON.stringify(source)}: ${result.diagnostics.map((d) => d.message).join("; ")}`,
          );
        return normalizeAst(result.value);
      });
      for (const tree of trees) expect(tree).toEqual(trees[0]);
      const reference = cpython.get(variants[0] ?? "");
      if (reference === undefined || !reference.ok)
        throw new Error("CPython rejects the first variant");
      expect(trees[0]).toEqual(normalizeAst(reference.module));
    });
  },
);
