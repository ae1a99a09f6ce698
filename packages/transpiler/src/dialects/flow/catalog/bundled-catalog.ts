import { formatJsonPath } from "../../../diagnostics/diagnostic.js";
import { InternalError } from "../../../diagnostics/errors.js";
import { bundledCatalogData } from "./bundled-catalog.generated.js";
import { loadCatalog } from "./load-catalog.js";
import type { Catalog } from "./load-catalog.js";

// Built on first use and reused: validating and indexing the catalog costs a few ms, and
// the Catalog is immutable, so sharing one instance between callers is safe.
let cached: Catalog | undefined;

/** The default catalog compiled from `../shared/flow-dsl/catalog.json` (most ids derived; see `id_confidence`). */
export function bundledCatalog(): Catalog {
  if (cached === undefined) {
    const loaded = loadCatalog(bundledCatalogData);
    if (!loaded.ok) {
      const first = loaded.diagnostics[0];
      throw new InternalError(
        `bundled catalog does not validate: ${first ? `${formatJsonPath(first.path ?? [])}: ${first.message}` : "?"}`,
      );
    }
    cached = loaded.value;
  }
  return cached;
}
