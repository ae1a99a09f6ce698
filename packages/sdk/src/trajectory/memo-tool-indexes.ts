import type { CatalogTask } from "@flowpy/transpiler";
import { boundedCache } from "../bounded-cache.js";
import type {
  EnvironmentPath,
  EnvironmentPathIndex,
} from "../tools/environment-paths.js";
import type { ToolIndexes } from "../tools/tool-indexes.js";

/**
 * The same indexes, remembering recent searches by their exact arguments. A dataset's
 * trajectories search for the same tasks and paths over and over (each workflow's builder
 * tries candidate queries, makes its calls, and the verifier re-runs them), and a search is
 * a pure function of immutable indexes and its arguments, so a remembered result is the
 * result. The memory belongs to the returned indexes and is bounded (`boundedCache`, `size`
 * entries a generation for each index).
 */
export function memoToolIndexes(
  indexes: ToolIndexes,
  size = 4_096,
): ToolIndexes {
  const tasks = boundedCache<string, readonly CatalogTask[]>(size);
  const paths = boundedCache<string, readonly EnvironmentPath[] | null>(size);
  const pathIndex: EnvironmentPathIndex = {
    rootTypes: indexes.paths.rootTypes,
    rootVariable: (rootType) => indexes.paths.rootVariable(rootType),
    paths: (rootType) => indexes.paths.paths(rootType),
    search: (rootType, term, options) => {
      const key = JSON.stringify([
        rootType,
        term,
        options.listsOnly,
        options.limit,
      ]);
      const hit = paths.get(key);
      if (hit !== undefined) return hit ?? undefined;
      const found = indexes.paths.search(rootType, term, options);
      paths.set(key, found ?? null);
      return found;
    },
  };
  return {
    catalog: indexes.catalog,
    pathDepth: indexes.pathDepth,
    tasks: {
      search: (query, options) => {
        const key = JSON.stringify([
          query,
          options.taskType ?? null,
          options.limit,
          options.shop.installedTaskIds,
        ]);
        const hit = tasks.get(key);
        if (hit !== undefined) return hit;
        const found = indexes.tasks.search(query, options);
        tasks.set(key, found);
        return found;
      },
    },
    paths: pathIndex,
  };
}
