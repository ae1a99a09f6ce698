import {
  InternalError,
  bundledCatalog,
  createCompiler,
  type Compiler,
} from "@flowpy/transpiler";
import { resolveToolSet } from "../tools/resolve-tool-set.js";
import { indexesFor } from "../tools/tool-indexes.js";
import { offlineRequestWriter } from "./request-writer.js";
import type { TrajectoryEnvironment } from "./trajectory.js";

/**
 * The default tool set, bundled catalog, the transpiler's compiler for that catalog and the
 * offline request writer; any part replaceable. Async because the compiler loads its
 * parsers once; build the environment once and share it.
 */
export async function createTrajectoryEnvironment(
  overrides: Partial<TrajectoryEnvironment> = {},
): Promise<TrajectoryEnvironment> {
  const catalog = overrides.catalog ?? bundledCatalog();
  const compiler = overrides.compiler ?? (await createCompiler({ catalog }));
  return defaultTrajectoryEnvironment({ ...overrides, catalog, compiler });
}

/** `createTrajectoryEnvironment` with a compiler already made (for the same catalog). */
export function defaultTrajectoryEnvironment(
  overrides: Partial<TrajectoryEnvironment> & { readonly compiler: Compiler },
): TrajectoryEnvironment {
  const toolSet = overrides.toolSet ?? resolveDefault();
  const catalog = overrides.catalog ?? bundledCatalog();
  return {
    toolSet,
    catalog,
    compiler: overrides.compiler,
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
