import fc from "fast-check";
import { loadTreeSitterPython } from "./src/python/tree-sitter/load-tree-sitter.ts";
import { cpythonParse, normalizeAst, containsUnsupported } from "./test/support/cpython-ast.ts";
import { editedProgramArb, programArb } from "./test/python-tree-sitter/support/python-programs.ts";
const ts = await loadTreeSitterPython();
const n = Number(process.argv[2] ?? 3000);
const samples = [...fc.sample(editedProgramArb, { numRuns: n, seed: Number(process.argv[3] ?? 7) }), ...fc.sample(programArb, { numRuns: n / 4, seed: 9 })];
const refs = await cpythonParse(samples);
const bad: { text: string; why: string }[] = [];
samples.forEach((text, i) => {
  const ref = refs[i]!; const r = ts.parse(text);
  if (ref.ok && !r.ok && /^[ \f]+\t/m.test(text)) return;
  if (!ref.ok) { if (r.ok) bad.push({ text, why: `cpython rejects: ${ref.message} ${ref.line}:${ref.column}` }); return; }
  if (containsUnsupported(ref.module)) { if (r.ok || !r.diagnostics.some(d => d.code === "py-unsupported")) bad.push({ text, why: "cpython unsupported; ours: " + (r.ok ? "ok" : r.diagnostics.map(d => d.code + " " + d.message).join("; ")) }); return; }
  if (!r.ok && r.diagnostics.every(d => /unparenthesised tuples/.test(d.message))) return;
  if (!r.ok) { bad.push({ text, why: "cpython ok; ours: " + r.diagnostics.map(d => `${d.code} ${d.span?.start.line}:${d.span?.start.column} ${d.message}`).join("; ") }); return; }
  const a = JSON.stringify(normalizeAst(r.value)), b = JSON.stringify(normalizeAst(ref.module));
  if (a !== b) { let k = 0; while (a[k] === b[k]) k++; bad.push({ text, why: "AST differs: ours " + a.slice(Math.max(0,k-150), k+100) + "\n   cpython " + b.slice(Math.max(0,k-150), k+100) }); }
});
bad.sort((a, b) => a.text.length - b.text.length);
console.log(`${bad.length} of ${samples.length}`);
for (const b of bad.slice(0, 12)) console.log("----", b.why, "\n" + JSON.stringify(b.text));
