import type { Catalog, CatalogTask, TaskType } from "@flowpy/transpiler";
import { createBm25Index } from "./bm25.js";
import { searchTokens } from "./search-tokens.js";

/** What the tools know about one shop: which non-built-in tasks (apps, connectors) it has installed. */
export interface ShopContext {
  readonly installedTaskIds: readonly string[];
}

export const emptyShop: ShopContext = { installedTaskIds: [] };

/** Tasks of these publishers ship with Flow itself, so every shop has them. */
const builtInPublishers: ReadonlySet<string> = new Set(["shopify", "flow"]);

export function isInstalled(task: CatalogTask, shop: ShopContext): boolean {
  return (
    builtInPublishers.has(task.publisher) ||
    shop.installedTaskIds.includes(task.id)
  );
}

/** SPEC §h.2 publisher priority; any other publisher ranks last. */
const publisherRank: Readonly<Record<string, number>> = {
  shopify: 0,
  flow: 1,
  "flow-connectors": 2,
  "shopify-app": 3,
};

export interface TaskSearchIndex {
  /**
   * The best `limit` tasks for one query. Retrieval is by relevance (BM25 over label and
   * description; the label counts twice, the task type once), so a priority rule never
   * pushes a relevant task out in favour of an irrelevant one; the hits are then ordered by
   * the SPEC's selection rule: installed first, publisher priority, relevance, catalog order.
   */
  search(
    query: string,
    options: {
      readonly taskType?: TaskType;
      readonly limit: number;
      readonly shop: ShopContext;
    },
  ): readonly CatalogTask[];
}

export function createTaskSearchIndex(catalog: Catalog): TaskSearchIndex {
  const tasks = catalog.data.tasks;
  const index = createBm25Index(
    tasks.map((t) => [
      ...searchTokens(t.label),
      ...searchTokens(t.label),
      ...searchTokens(t.description),
      t.task_type.toLowerCase(),
    ]),
  );
  return {
    search(query, { taskType, limit, shop }) {
      const scores = index.score(searchTokens(query));
      const hits = tasks
        .map((task, i) => ({ task, i, score: scores[i] ?? 0 }))
        .filter(
          (h) =>
            h.score > 0 &&
            (taskType === undefined || h.task.task_type === taskType),
        )
        .sort((a, b) => b.score - a.score || a.i - b.i)
        .slice(0, limit);
      const rank = (t: CatalogTask): number => publisherRank[t.publisher] ?? 4;
      return hits
        .sort(
          (a, b) =>
            Number(isInstalled(b.task, shop)) -
              Number(isInstalled(a.task, shop)) ||
            rank(a.task) - rank(b.task) ||
            b.score - a.score ||
            a.i - b.i,
        )
        .map((h) => h.task);
    },
  };
}
