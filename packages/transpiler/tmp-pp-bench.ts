// TEMPORARY (perf-parser helper): micro-bench of readDocument and parsePython. Delete before finishing.
import { readFileSync, writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { flowToPython, parsePython, readDocument, parseJson, inferJsonStyle } from "./src/index.js";
import { corpusCases, publicCases } from "./test/support/corpus.js";

const files = [...corpusCases().map((c) => c.document), ...publicCases().filter((c) => !c.partial).map((c) => c.file)];
const docs = files.flatMap((file) => {
  const text = readFileSync(file, "utf8");
  const r = flowToPython(text);
  return r.ok ? [{ text, python: r.value.python }] : [];
});
const mode = process.argv[2] ?? "bench";
if (mode === "snapshot") {
  // Serialise outputs to compare before/after.
  const out = docs.map((d) => JSON.stringify([readDocument(d.text), parsePython(d.python)]));
  writeFileSync(process.argv[3] ?? "/tmp/pp/snap.json", out.join("\n"));
  process.exit(0);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
function time(fn: () => void, rounds = 9, inner = 5): number {
  for (let i = 0; i < 5; i++) fn();
  const s: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < inner; i++) fn();
    s.push((performance.now() - t0) / inner);
  }
  return median(s);
}
const only = process.argv[3];
const loops = Number(process.argv[4] ?? 0);
if (mode === "prof") {
  const t0 = performance.now();
  for (let i = 0; i < loops; i++) for (const d of docs) only === "json" ? readDocument(d.text) : parsePython(d.python);
  console.log("ms", performance.now() - t0);
  process.exit(0);
}
const base = time(() => docs.forEach((d) => JSON.stringify(JSON.parse(d.text.replace(/^[0-9a-f]{64}:/, "")))));
const read = time(() => docs.forEach((d) => readDocument(d.text)));
const pj = time(() => docs.forEach((d) => parseJson(d.text.replace(/^[0-9a-f]{64}:/, ""), { spans: false })));
const py = time(() => docs.forEach((d) => parsePython(d.python)));
console.log(`docs ${docs.length} base ${base.toFixed(2)}ms read ${(read / base).toFixed(2)}x parseJson ${(pj / base).toFixed(2)}x parsePython ${(py / base).toFixed(2)}x`);
