import fc from "fast-check";
import { moduleArbitrary } from "./ast-arbitrary.js";
import { printPython } from "../../../src/python/print/print-python.js";
const t0 = Date.now();
const modules = fc.sample(moduleArbitrary, { numRuns: 20, seed: 1 });
console.log("gen", Date.now() - t0, JSON.stringify(modules).length);
for (const [i, m] of modules.entries()) {
  const t = Date.now();
  const s = printPython(m);
  console.log(i, Date.now() - t, "ms", s.length, "chars");
}
