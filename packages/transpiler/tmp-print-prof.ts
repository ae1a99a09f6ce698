// TEMPORARY (printer perf work): snapshot + timing of printPython. Deleted when done.
import { readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import fc from "fast-check";
import { flowToPython, readDocument, flowDialect, type Module } from "./src/index.js";
import { printPython } from "./src/python/print/print-python.js";
import { corpusCases, publicCases } from "./test/support/corpus.js";
import { moduleArbitrary } from "./test/python-print/support/ast-arbitrary.js";
import { sweepModules } from "./test/python-print/support/sweep-cases.js";

const mode = process.argv[2] ?? "time";
const files = [...corpusCases().map((c) => c.document), ...publicCases().filter((c) => !c.partial).map((c) => c.file)];
const modules: Module[] = [];
for (const f of files) {
  const r = readDocument(readFileSync(f, "utf8"));
  if (!r.ok) continue;
  const m = flowDialect.toPython(r.value.node, flowDialect.defaultOptions);
  if (m.ok) modules.push(m.value.module);
}
if (mode === "snap") {
  const extra = [...sweepModules(), ...fc.sample(moduleArbitrary, { numRuns: Number(process.env["N"] ?? 20000), seed: 12345 })];
  const h = createHash("sha256");
  const outs: string[] = [];
  for (const m of [...modules, ...extra]) {
    let s: string;
    try { s = printPython(m); } catch (e) { s = "THROW " + String(e); }
    outs.push(s);
    h.update(s + "\u0000");
  }
  writeFileSync(process.argv[3] ?? "/tmp/print-snap.txt", outs.join("\n\u0000\n"));
  console.log(modules.length, extra.length, h.digest("hex"));
} else {
  const iters = Number(process.env["ITERS"] ?? 200);
  for (let i = 0; i < 20; i++) for (const m of modules) printPython(m);
  const samples: number[] = [];
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    for (let i = 0; i < iters / 7; i++) for (const m of modules) printPython(m);
    samples.push((performance.now() - t0) / Math.floor(iters / 7));
  }
  samples.sort((a, b) => a - b);
  console.log(`${modules.length} modules, corpus pass median ${samples[3]!.toFixed(3)} ms (min ${samples[0]!.toFixed(3)})`);
  const t0 = performance.now();
  for (let i = 0; i < 20; i++) for (const f of files) JSON.stringify(JSON.parse(readFileSync(f, "utf8").replace(/^[0-9a-f]{64}:/, "")));
  void t0;
}
