import type { Result } from "@flowpy/transpiler";
import { openDatasetStore } from "../../store/dataset-store.js";
import type { ExampleResult } from "./example-result.js";

/**
 * Finished examples of benchmark runs, kept in the shared DuckDB store (`eval_run_results`)
 * as they finish, so a restarted run skips them.
 */
export interface ResultStore {
  /** Finished examples of a run, by example id. */
  finished(runId: string): Promise<ReadonlyMap<string, ExampleResult>>;
  save(runId: string, result: ExampleResult): Promise<void>;
  close(): void;
}

export async function openResultStore(
  path: string,
): Promise<Result<ResultStore>> {
  const opened = await openDatasetStore(path);
  if (!opened.ok) return opened;
  const store = opened.value;
  // One statement at a time on the connection: examples finish concurrently.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    ok: true,
    diagnostics: opened.diagnostics,
    value: {
      finished: (runId) =>
        serial(async () => {
          const rows = await store.all(
            "SELECT example_id, result_json FROM eval_run_results WHERE run_id = ? ORDER BY example_id",
            [runId],
          );
          return new Map(
            rows.map((r) => [
              String(r["example_id"]),
              // Written by `save` below from an ExampleResult.
              JSON.parse(String(r["result_json"])) as ExampleResult,
            ]),
          );
        }),
      save: (runId, result) =>
        serial(() =>
          store.run(
            "INSERT OR REPLACE INTO eval_run_results VALUES (?, ?, ?)",
            [runId, result.exampleId, JSON.stringify(result)],
          ),
        ),
      close: () => store.close(),
    },
  };
}
