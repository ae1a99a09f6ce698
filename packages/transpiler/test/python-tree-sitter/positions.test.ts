/**
 * Spans: 1-based lines and 1-based UTF-16 columns (`source/span.ts`). web-tree-sitter is fed
 * UTF-16 and reports UTF-16 offsets, while CPython reports UTF-8 byte columns; both are
 * checked here, the latter by comparing every node of every fixture with CPython's
 * positions.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Expr, Module, Stmt } from "../../src/python/ast/nodes.js";
import type { Span } from "../../src/source/span.js";
import {
  loadTreeSitterPython,
  type TreeSitterPython,
} from "../../src/python/tree-sitter/load-tree-sitter.js";
import { cpythonPositions, ourPositions } from "./support/cpython-positions.js";
import { loadPythonSources } from "./support/python-sources.js";
import { utf8ToUtf16Column } from "./support/utf8-columns.js";

let treeSitter: TreeSitterPython;
beforeAll(async () => {
  treeSitter = await loadTreeSitterPython();
});

function parseOk(text: string): Module {
  const result = treeSitter.parse(text);
  if (!result.ok)
    throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.value;
}

function onlyStatement(text: string): Stmt {
  const [first] = parseOk(text).body;
  if (first === undefined) throw new Error("no statement");
  return first;
}

function assignedValue(text: string): Expr {
  const s = onlyStatement(text);
  if (s.kind !== "Assign") throw new Error(`expected Assign, got ${s.kind}`);
  return s.value;
}

const at = (span: Span | undefined): string =>
  span === undefined
    ? "none"
    : `${span.start.line}:${span.start.column}-${span.end.line}:${span.end.column} @${span.start.offset}-${span.end.offset}`;

describe("utf8ToUtf16Column (CPython byte columns → ours)", () => {
  it("counts 1-, 2-, 3- and 4-byte characters", () => {
    const line = "aé漢😀b";
    expect(utf8ToUtf16Column(line, 0)).toBe(0);
    expect(utf8ToUtf16Column(line, 1)).toBe(1);
    expect(utf8ToUtf16Column(line, 3)).toBe(2); // after é (2 bytes, 1 unit)
    expect(utf8ToUtf16Column(line, 6)).toBe(3); // after 漢 (3 bytes, 1 unit)
    expect(utf8ToUtf16Column(line, 10)).toBe(5); // after 😀 (4 bytes, 2 units)
    expect(utf8ToUtf16Column(line, 11)).toBe(6);
  });

  it("rejects offsets inside a character", () => {
    expect(() => utf8ToUtf16Column("é", 1)).toThrow(/boundary/);
    expect(() => utf8ToUtf16Column("😀", 2)).toThrow(/boundary/);
  });
});

describe("tree-sitter spans are UTF-16 based", () => {
  it("places nodes after 2-, 3- and 4-byte characters on the same line", () => {
    const text = 'x = f("é漢😀", y, "😀😀")';
    const call = assignedValue(text);
    if (call.kind !== "Call") throw new Error("expected a call");
    const [str, y, last] = call.args;
    // UTF-16: "é漢😀" is 4 units + 2 quotes; in UTF-8 bytes it would be 9 + 2.
    expect(at(str?.span)).toBe(`1:7-1:13 @6-12`);
    expect(at(y?.span)).toBe(`1:15-1:16 @14-15`);
    expect(y?.span?.start.column).toBe(text.indexOf("y") + 1);
    expect(at(last?.span)).toBe(`1:18-1:24 @17-23`);
    expect(at(call.span)).toBe(`1:5-1:25 @4-24`);
  });

  it("counts lines after multi-line strings with non-ASCII text", () => {
    const text = 'a = """😀\nü\n"""\nb = 1\n';
    const body = parseOk(text).body;
    expect(at(body[0]?.span)).toBe(`1:1-3:4 @0-15`);
    expect(at(body[1]?.span)).toBe(`4:1-4:6 @16-21`);
  });

  it("treats CRLF and a lone CR as one line break each, like CPython", () => {
    const body = parseOk("a = 1\r\nb = 2\rc = 3\n").body;
    expect(body.map((s) => at(s.span))).toEqual([
      "1:1-1:6 @0-5",
      "2:1-2:6 @7-12",
      "3:1-3:6 @13-18",
    ]);
  });

  it("places diagnostics with UTF-16 columns", () => {
    const result = treeSitter.parse('x = "漢😀\\x4"\n');
    expect(result.ok).toBe(false);
    const [d] = result.diagnostics;
    expect(d?.code).toBe("py-syntax");
    expect(at(d?.span)).toBe("1:9-1:12 @8-11");
  });
});

describe("spans agree with CPython on every fixture", () => {
  const sources = loadPythonSources().filter((s) => !s.isError);
  let expected: Awaited<ReturnType<typeof cpythonPositions>> = [];
  beforeAll(async () => {
    expected = await cpythonPositions(sources.map((s) => s.text));
  });

  it.for(sources.map((s, i) => [s.file, i] as const))("%s", ([, i]) => {
    const source = sources[i];
    const reference = expected[i];
    if (source === undefined || reference === undefined || reference === null)
      throw new Error("missing CPython positions");
    const result = treeSitter.parse(source.text);
    // Files outside the subset are the alignment test's business.
    if (!result.ok) return;
    expect(ourPositions(result.value)).toEqual(reference);
  });
});
