import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import { splitLines } from "../../src/model-output/split-lines.js";
import { statementExtents } from "../../src/model-output/statement-extents.js";
import { statementPieces } from "../../src/model-output/statement-pieces.js";
import {
  checkLimitOf,
  diagnoseAllWith,
  diagnoseAllWithin,
  fastParserAccepts,
} from "../../src/model-output/tolerant-diagnostics.js";
import type { FastParseReach } from "../../src/python/parse/fast-parse.js";
import {
  loadTreeSitterPython,
  type TreeSitterPython,
} from "../../src/python/tree-sitter/load-tree-sitter.js";
import { createLineIndex } from "../../src/source/line-index.js";
import {
  corpusCode,
  mutateAll,
  mutationsArb,
} from "../support/model-output-fuzz.js";

const runs = Number(process.env.FLOWPY_RUNS ?? 1000);

/** The 1-based first lines of the pieces of `text`, with their dedent. */
function cuts(text: string, minLength = 1): string[] {
  const lines = splitLines(text);
  return statementPieces(text, lines, statementExtents(text, lines), minLength)
    .slice(1)
    .map((p) => `${p.first + 1}/${p.dedent}`);
}

const body = (...statements: string[]): string =>
  `@workflow("x")\n@trigger(shopify.admin.order_created)\ndef run(order):\n${statements.join("\n")}\n`;

describe("statementPieces", () => {
  it("cuts a body at its statements, and the module at its own", () => {
    const text = `${body(
      "    shopify.a(b=1)",
      "    if order.x:",
      "        shopify.c(d=2)",
      "    else:",
      "        shopify.e()",
      "    for li in order.lineItems:",
      "        shopify.f(g=li.id)",
    )}x = 1\n`;
    expect(cuts(text)).toEqual(["5/4", "9/4", "11/0"]);
  });

  it("never cuts inside brackets or strings, after a decorator or a header, or before else", () => {
    const text = body(
      "    shopify.a(",
      "    b=1,",
      "    )",
      '    x = """',
      "    not a statement",
      '    """',
      "    if order.x:",
      "    y = 1",
      "    @decorator",
      "    def f():",
      "        pass",
      "    if order.y:",
      "        pass",
      "    elif order.z:",
      "        pass",
      "    z = \\",
      "    1",
    );
    expect(cuts(text)).toEqual(["7/4", "10/4", "12/4", "15/4", "19/4"]);
  });

  it("does not cut a body with a line indented less than its first statement", () => {
    const elseAtModule = "if x:\n    a = 1\n    b = 2\nelse:\n    c = 3\n";
    expect(cuts(elseAtModule)).toEqual([]);
    const unindent = body("    a = 1", "    b = 2", "  c = 3", "    d = 4");
    expect(cuts(unindent)).toEqual([]);
  });

  it("cuts before a line at column 0 under a header left without its body", () => {
    // The line ends the `if`'s block for the tokenizer too.
    const text = `${body(
      "    a = 1",
      "    if order.x:",
      "shopify.b(c=1)",
      "    d = 2",
    )}`;
    expect(cuts(text)).toEqual(["5/4", "6/0"]);
  });

  it("keeps a text indented with tabs whole", () => {
    expect(cuts(body("\ta = 1", "\tb = 2"))).toEqual([]);
    expect(cuts(body("    a = 1", "    b = 2"))).toEqual(["5/4"]);
  });

  it("makes pieces of at least minLength characters, ending a body's pieces at the next statement of the module", () => {
    const statements = Array.from(
      { length: 200 },
      (_, k) => `    shopify.add_order_tags(order_id=order.id, tags=["t${k}"])`,
    );
    const text = `${body(...statements)}${body(...statements)}`;
    const lines = splitLines(text);
    const pieces = statementPieces(
      text,
      lines,
      statementExtents(text, lines),
      2_000,
    );
    const starts = pieces.map((p) => lines[p.first]?.start ?? 0);
    const second = lines.findIndex(
      (l, k) => k > 0 && text.startsWith("@workflow", l.start),
    );
    // The second workflow starts a piece of its own (the one before it was dedented).
    expect(pieces.map((p) => p.first)).toContain(second);
    for (let k = 1; k < starts.length; k++) {
      const length = (starts[k] ?? 0) - (starts[k - 1] ?? 0);
      if (pieces[k]?.first !== second)
        expect(length).toBeGreaterThanOrEqual(2_000);
    }
  });
});

describe("diagnoseAll in pieces", () => {
  let treeSitter: TreeSitterPython;
  beforeAll(async () => {
    treeSitter = await loadTreeSitterPython();
  });

  const consistent = (python: string, ds: readonly Diagnostic[]): void => {
    const index = createLineIndex(python);
    for (const d of ds) {
      if (d.span === undefined) continue;
      expect(index.position(d.span.start.offset), d.message).toEqual(
        d.span.start,
      );
      expect(index.position(d.span.end.offset), d.message).toEqual(d.span.end);
    }
  };

  it("reports an error of one piece on its line, with spans of the whole text", () => {
    const code = corpusCode(30_000);
    const lines = code.split("\n");
    for (const at of [40, Math.floor(lines.length / 2), lines.length - 20]) {
      // An unfinished assignment in the body: CPython's error is on its line.
      let k = at;
      while (!/^ {4}shopify\./.test(lines[k] ?? "    shopify.")) k++;
      const broken = [...lines.slice(0, k), "    note = ", ...lines.slice(k)];
      const python = broken.join("\n");
      const found = diagnoseAllWith(treeSitter, python);
      consistent(python, found);
      // On its line, or where the next line's statement shows it unfinished ("a line break
      // ends the statement here"), as for the whole text.
      expect(
        found.some((d) => [k + 1, k + 2].includes(d.span?.start.line ?? 0)),
      ).toBe(true);
      // Nothing before the piece that holds it: the pieces before are clean.
      expect(found.filter((d) => (d.span?.start.line ?? 0) < k - 200)).toEqual(
        [],
      );
    }
  });

  it("reports errors in several pieces, each once, in order", () => {
    const code = corpusCode(40_000);
    const lines = code.split("\n");
    const marks = [200, 400, 600].map((at) => {
      let k = at;
      while (!/^ {4}shopify\./.test(lines[k] ?? "    shopify.")) k++;
      return k;
    });
    const broken = lines.map((l, k) =>
      marks.includes(k) ? `    = ${l.trimStart()}` : l,
    );
    const python = broken.join("\n");
    const found = diagnoseAllWith(treeSitter, python);
    consistent(python, found);
    const reported = found.map((d) => d.span?.start.line ?? 0);
    for (const k of marks) expect(reported).toContain(k + 1);
    expect([...reported].sort((a, b) => a - b)).toEqual(reported);
  });

  it("gives the whole text's line numbers in messages too", () => {
    const lines = corpusCode(20_000).split("\n");
    let k = Math.floor((lines.length * 3) / 4);
    while (!/^ {4}shopify\./.test(lines[k] ?? "    shopify.")) k++;
    // A header without its body, far into the text: CPython's "expected an indented
    // block after 'for' statement on line N" names the header's line.
    const python = [
      ...lines.slice(0, k),
      "    for li in order.lineItems:",
      ...lines.slice(k),
    ].join("\n");
    const found = diagnoseAllWith(treeSitter, python);
    consistent(python, found);
    expect(found.map((d) => d.message)).toContain(
      `expected an indented block after 'for' statement on line ${k + 1}`,
    );
  });

  it("keeps every span consistent with the text on mutated long code", () => {
    const code = corpusCode(20_000);
    fc.assert(
      fc.property(mutationsArb, (ms) => {
        const python = mutateAll(code, ms);
        const found = diagnoseAllWith(treeSitter, python);
        consistent(python, found);
        // Pieces never turn an invalid text valid, nor a valid one invalid.
        if (fastParserAccepts(python)) expect(found).toEqual([]);
        else expect(found.length).toBeGreaterThan(0);
      }),
      { numRuns: Math.max(20, Math.floor(runs / 20)), seed: 17 },
    );
  });

  it("answers the same without asking the fast parser again about what it read on the whole text", () => {
    const code = corpusCode(20_000);
    const lines = code.split("\n");
    let k = Math.floor(lines.length / 2);
    while (!/^ {4}shopify\./.test(lines[k] ?? "    shopify.")) k++;
    // A header left without its body just before a line at column 0, where a piece
    // starts: the fast parser gives up on that line's first token.
    const headerless = [
      ...lines.slice(0, k),
      "    if order.x:",
      "shopify.b(c=1)",
      ...lines.slice(k),
    ].join("\n");
    const check = (python: string): void => {
      const reach: FastParseReach = { readUpTo: 0 };
      const accepted = fastParserAccepts(python, reach);
      const limit = checkLimitOf(python);
      const skipping = diagnoseAllWithin(
        treeSitter,
        python,
        limit,
        !accepted,
        reach.readUpTo,
      );
      expect(skipping).toEqual(
        diagnoseAllWithin(treeSitter, python, limit, !accepted),
      );
      if (!accepted) expect(skipping.length).toBeGreaterThan(0);
    };
    check(headerless);
    // "expected an indented block after 'if' statement on line k + 1", on the header.
    expect(
      diagnoseAllWith(treeSitter, headerless).map((d) => d.message),
    ).toContain(
      `expected an indented block after 'if' statement on line ${k + 1}`,
    );
    fc.assert(
      fc.property(mutationsArb, (ms) => check(mutateAll(code, ms))),
      { numRuns: Math.max(20, Math.floor(runs / 20)), seed: 23 },
    );
  });
});
