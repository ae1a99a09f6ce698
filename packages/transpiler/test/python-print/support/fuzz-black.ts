import fc from "fast-check";
import { moduleArbitrary } from "./ast-arbitrary.js";
import { blackCheck } from "./black-oracle.js";
import { cpythonParse, normalizeAst } from "../../support/cpython-ast.js";
import { printPython } from "../../../src/python/print/print-python.js";
import { writeFileSync } from "node:fs";
const n = Number(process.argv[2] ?? 200);
const seed = Number(process.argv[3] ?? Date.now() % 100000);
const modules = fc.sample(moduleArbitrary, { numRuns: n, seed });
const sources: string[] = [];
let crashes = 0;
for (const m of modules) {
  try { sources.push(printPython(m)); } catch (e) { crashes++; console.log("CRASH", e); sources.push(""); }
}
const t0 = Date.now();
const verdicts = await blackCheck(sources);
const t1 = Date.now();
const parsed = await cpythonParse(sources);
const strip = (x: unknown): unknown => JSON.parse(JSON.stringify(normalizeAst(x), (k, v) => (k === "raw" ? undefined : v)));
let bad = 0, astBad = 0;
verdicts.forEach((v, i) => {
  if (!v.ok) { bad++; if (bad <= 8) { console.log("=== BLACK", i); if (process.env.SHOW_SRC) console.log(sources[i]); console.log(v.report); } }
  const p = parsed[i]!;
  if (!p.ok) { astBad++; console.log("=== PARSE", i, p.message, p.line); console.log(sources[i]); return; }
  const a = JSON.stringify(strip(p.module)), b = JSON.stringify(strip(modules[i]));
  if (a !== b) { astBad++; if (astBad <= 3) { console.log("=== AST", i); console.log(sources[i]); writeFileSync(`/tmp/bt/ast${i}.json`, a + "\n" + b); } }
});
console.log(`seed=${seed} n=${n} black-fail=${bad} ast-fail=${astBad} crashes=${crashes} black ${t1 - t0}ms`);
