import type { Catalog } from "@flowpy/transpiler";
import {
  createEnvironmentPathIndex,
  type EnvironmentPathIndex,
} from "./environment-paths.js";
import { createTaskSearchIndex, type TaskSearchIndex } from "./task-search.js";

/**
 * The search indexes of one catalog. Building them tokenises the whole catalog, so a
 * service or a dataset run builds them once and hands them to every toolbox; they never
 * change after construction, which makes sharing them safe.
 */
export interface ToolIndexes {
  readonly catalog: Catalog;
  readonly pathDepth: number;
  readonly tasks: TaskSearchIndex;
  readonly paths: EnvironmentPathIndex;
}

export function createToolIndexes(
  catalog: Catalog,
  pathDepth: number,
): ToolIndexes {
  return {
    catalog,
    pathDepth,
    tasks: createTaskSearchIndex(catalog),
    paths: createEnvironmentPathIndex(catalog, pathDepth),
  };
}

/** `indexes` when they were built for this catalog and depth, otherwise fresh ones. */
export function indexesFor(
  catalog: Catalog,
  pathDepth: number,
  indexes: ToolIndexes | undefined,
): ToolIndexes {
  return indexes !== undefined &&
    indexes.catalog === catalog &&
    indexes.pathDepth === pathDepth
    ? indexes
    : createToolIndexes(catalog, pathDepth);
}
