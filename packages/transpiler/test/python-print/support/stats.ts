import fc from "fast-check";
import { moduleArbitrary } from "./ast-arbitrary.js";
import { printPython } from "../../../src/python/print/print-python.js";
const modules = fc.sample(moduleArbitrary, { numRuns: 300, seed: 7 });
let t = process.hrtime.bigint();
let chars = 0, lines = 0;
for (const m of modules) { const s = printPython(m); chars += s.length; lines += s.split("\n").length; }
const ms = Number(process.hrtime.bigint() - t) / 1e6;
console.log(`300 modules, ${lines} lines, ${chars} chars in ${ms.toFixed(0)} ms -> ${(ms / lines * 1000).toFixed(1)} us/line`);
t = process.hrtime.bigint();
for (const m of modules) printPython(m);
console.log(`second run ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0)} ms`);
