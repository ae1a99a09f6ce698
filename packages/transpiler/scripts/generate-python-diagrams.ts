/**
 * Regenerates the artifacts derived from the chevrotain Python grammar:
 * - `grammars/python-subset.diagrams.html` (railroad diagrams, `createSyntaxDiagramsCode`);
 * - `src/python/parse/cst.generated.ts` (CST node types, `generateCstDts`).
 * `test/python-parse/generated.test.ts` fails when either is stale.
 *
 *   npx tsx packages/transpiler/scripts/generate-python-diagrams.ts
 */
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  renderPythonCstTypes,
  renderPythonDiagrams,
} from "./grammar-artifacts.js";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const diagramsPath = resolve(
  packageRoot,
  "../../grammars/python-subset.diagrams.html",
);
export const cstTypesPath = resolve(
  packageRoot,
  "src/python/parse/cst.generated.ts",
);

writeFileSync(diagramsPath, renderPythonDiagrams());
writeFileSync(cstTypesPath, await renderPythonCstTypes());
console.log(`wrote ${diagramsPath}\nwrote ${cstTypesPath}`);
