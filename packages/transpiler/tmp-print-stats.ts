// TEMPORARY (printer perf work). Deleted when done.
import { readFileSync } from "node:fs";
import { readDocument, flowDialect } from "./src/index.js";
import { statementLines, type LogicalLine } from "./src/python/print/statement-lines.js";
import { appendLeaf, newLine, lineWidth, containsMultilineStrings } from "./src/python/print/layout/line.js";
import { transformLine } from "./src/python/print/layout/transform-line.js";
import { isClosingBracket } from "./src/python/print/layout/leaf.js";
import { corpusCases, publicCases } from "./test/support/corpus.js";
const files = [...corpusCases().map((c) => c.document), ...publicCases().filter((c) => !c.partial).map((c) => c.file)];
let nLines = 0, short = 0, passes2 = 0, passes3 = 0, leaves = 0, phys = 0, strLeaves = 0;
for (const f of files) {
  const r = readDocument(readFileSync(f, "utf8"));
  if (!r.ok) continue;
  const m = flowDialect.toPython(r.value.node, flowDialect.defaultOptions);
  if (!m.ok) continue;
  const lines: LogicalLine[] = [];
  statementLines(m.value.module.body, 0, lines);
  for (const l of lines) {
    nLines++;
    let magic = new Set<number>();
    for (let pass = 0; pass < 8; pass++) {
      const line = newLine(l.depth);
      const ls = l.build(magic);
      if (pass === 0) { leaves += ls.length; strLeaves += ls.filter((x) => x.type === "STRING").length; }
      for (const leaf of ls) appendLeaf(line, leaf);
      if (pass === 0 && lineWidth(line) <= 88 && !containsMultilineStrings(line)) short++;
      const out = transformLine(line);
      const added = new Set(magic);
      let prev;
      for (const o of out) for (const lf of o.leaves) { if (prev?.inserted && isClosingBracket(lf.type)) added.add(lf.bracketId); prev = lf; }
      if (added.size === magic.size) { if (pass === 1) passes2++; if (pass === 2) passes3++; phys += out.length; break; }
      magic = added;
    }
  }
}
console.log({ nLines, short, passes2, passes3, leaves, strLeaves, phys });
