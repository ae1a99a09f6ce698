/**
 * Fills the expected results of every `compile` case of the error corpus
 * (`corpus/_errors_/<slug>/input.txt`) from the current `compile`, and rewrites the coverage
 * tables in `corpus/README.md`:
 *   pnpm update:errors [slug-substring…]
 * `note`, `kind` and `expectCode` are written by hand and kept. A case whose `expectCode`
 * is not among the new diagnostics or notes is NOT rewritten (the script lists it and fails):
 * regeneration cannot accept an answer that misses the mistake. Review the diff of every
 * rewritten case against its note.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  createCompiler,
  formatJsonPath,
  type Diagnostic,
} from "../src/index.js";
import { corpusRoot, errorCases } from "../test/support/corpus.js";
import {
  compileCases,
  renderCoverageTables,
  withCoverageTables,
} from "../test/support/error-coverage.js";

/** Every located part, in the order expect.json lists them; absent parts are left out. */
function located(d: Diagnostic): Record<string, unknown> {
  return {
    code: d.code,
    ...(d.bucket === undefined ? {} : { bucket: d.bucket }),
    ...(d.span === undefined
      ? {}
      : { line: d.span.start.line, column: d.span.start.column }),
    ...(d.path === undefined ? {} : { path: formatJsonPath(d.path) }),
  };
}

const only = process.argv.slice(2);
const compiler = await createCompiler();
const refused: string[] = [];
let written = 0;
for (const c of compileCases(errorCases())) {
  if (only.length > 0 && !only.some((o) => c.name.includes(o))) continue;
  const file = join(dirname(c.input), "expect.json");
  const old = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  const result = compiler.compile(readFileSync(c.input, "utf8"));
  const seen = [...result.diagnostics, ...result.notes].map((d) => d.code);
  const got = [...new Set(seen)].join(", ") || "nothing";
  if (c.expectCodes === undefined) {
    refused.push(`${c.name}: no expectCode declared; got ${got}`);
    continue;
  }
  const missing = c.expectCodes.filter((code) => !seen.includes(code));
  if (missing.length > 0) {
    refused.push(
      `${c.name}: expectCode ${missing.join(", ")} not reported; got ${got}`,
    );
    continue;
  }
  if (
    c.expectCodes.length === 0 &&
    (!result.ok || result.diagnostics.length > 0)
  ) {
    refused.push(
      `${c.name}: declared a near miss (expectCode []) but got ${got}`,
    );
    continue;
  }
  const { note, kind, expectCode, codes } = old;
  const next = {
    note,
    kind,
    expectCode,
    via: "compile",
    ok: result.ok,
    ...(codes === undefined ? {} : { codes }),
    diagnostics: result.diagnostics.map(located),
    notes: result.notes.map(located),
  };
  writeFileSync(file, JSON.stringify(next, null, 2) + "\n");
  written++;
}

const readmePath = join(corpusRoot, "README.md");
const tables = renderCoverageTables(errorCases());
writeFileSync(
  readmePath,
  withCoverageTables(readFileSync(readmePath, "utf8"), tables),
);

console.log(
  `wrote ${written} expect.json files and the README coverage tables`,
);
if (refused.length > 0) {
  console.error(`${refused.length} case(s) left unchanged:`);
  for (const r of refused) console.error(`  ${r}`);
  process.exitCode = 1;
}
