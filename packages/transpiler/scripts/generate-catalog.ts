/**
 * Regenerates `src/dialects/flow/catalog/bundled-catalog.generated.ts` from the reference
 * catalog. The rendering is `renderBundledCatalog` (pure, also used by the freshness test);
 * this script only reads and writes files.
 *   npx tsx packages/transpiler/scripts/generate-catalog.ts [path/to/catalog.json]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { formatJsonPath } from "../src/diagnostics/diagnostic.js";
import { renderBundledCatalog } from "../src/dialects/flow/catalog/render-bundled-catalog.js";

const here = dirname(fileURLToPath(import.meta.url));
const catalogPath =
  process.argv[2] ?? join(here, "../../../../shared/flow-dsl/catalog.json");
const rendered = renderBundledCatalog(
  JSON.parse(readFileSync(catalogPath, "utf8")) as unknown,
);
if (!rendered.ok) {
  for (const d of rendered.diagnostics)
    console.error(`${formatJsonPath(d.path ?? [])}: ${d.message}`);
  process.exit(1);
}
const target = join(
  here,
  "../src/dialects/flow/catalog/bundled-catalog.generated.ts",
);
writeFileSync(target, rendered.value);
console.log(`wrote ${target}`);
