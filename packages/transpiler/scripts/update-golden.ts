/**
 * Rewrites the expected Python (`workflow.py`) beside every corpus workflow from the
 * current printer. Run on purpose after a reviewed change to the Python form:
 *   pnpm update:golden
 * The corpus test fails whenever a golden file differs from what the printer produces.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { corpusCases } from "../test/support/corpus.js";
import { flowToPython } from "../src/index.js";

let written = 0;
for (const c of corpusCases()) {
  const result = flowToPython(readFileSync(c.document, "utf8"));
  if (!result.ok) {
    console.error(
      `${c.name}: ${result.diagnostics.map((d) => `${d.code} ${d.message}`).join("; ")}`,
    );
    process.exitCode = 1;
    continue;
  }
  writeFileSync(c.golden, result.value.python);
  written++;
}
console.log(`wrote ${written} golden files`);
