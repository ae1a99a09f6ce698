import { InternalError, bundledCatalog } from "@flowpy/transpiler";
import { resolveToolSet } from "../tools/resolve-tool-set.js";
import { indexesFor } from "../tools/tool-indexes.js";
import { transpilerCompiler } from "../tools/workflow-compiler.js";
import { offlineRequestWriter } from "./request-writer.js";
import type { TrajectoryEnvironment } from "./trajectory.js";

/** The default tool set, bundled catalog, transpiler compiler and offline request writer; any part replaceable. */
export function defaultTrajectoryEnvironment(
  overrides: Partial<TrajectoryEnvironment> = {},
): TrajectoryEnvironment {
  const toolSet = overrides.toolSet ?? resolveDefault();
  const catalog = overrides.catalog ?? bundledCatalog();
  return {
    toolSet,
    catalog,
    compiler: overrides.compiler ?? transpilerCompiler,
    requestWriter: overrides.requestWriter ?? offlineRequestWriter,
    indexes: indexesFor(catalog, toolSet.limits.pathDepth, overrides.indexes),
  };
}

function resolveDefault() {
  const resolved = resolveToolSet();
  // The definition without an overlay always resolves; failing here is a bug in it.
  if (!resolved.ok)
    throw new InternalError(
      `the tool-set definition does not resolve: ${resolved.diagnostics[0]?.message ?? "?"}`,
    );
  return resolved.value;
}
