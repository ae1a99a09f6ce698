import { DuckDBInstance } from "@duckdb/node-api";
import type { Result } from "@flowpy/transpiler";
import { sdkCodes } from "../../sdk-codes.js";
import type { ExampleResult } from "./example-result.js";

/**
 * Finished examples of benchmark runs, kept in an embedded DuckDB file as they finish so a
 * restarted run skips them. STAND-IN for the shared store of `src/store/` (not on main yet):
 * the same table moves there as a migration once it lands.
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
  try {
    const instance = await DuckDBInstance.create(path, { threads: "1" });
    const connection = await instance.connect();
    await connection.run(
      "CREATE TABLE IF NOT EXISTS eval_run_results (run_id VARCHAR NOT NULL, example_id VARCHAR NOT NULL, result_json VARCHAR NOT NULL, PRIMARY KEY (run_id, example_id))",
    );
    // One statement at a time on the connection: examples finish concurrently.
    let queue: Promise<unknown> = Promise.resolve();
    const serial = <T>(work: () => Promise<T>): Promise<T> => {
      const next = queue.then(work, work);
      queue = next.catch(() => undefined);
      return next;
    };
    return {
      ok: true,
      diagnostics: [],
      value: {
        finished: (runId) =>
          serial(async () => {
            const rows = (
              await connection.runAndReadAll(
                "SELECT example_id, result_json FROM eval_run_results WHERE run_id = ? ORDER BY example_id",
                [runId],
              )
            ).getRowObjectsJson();
            return new Map(
              rows.map((r) => [
                String(r["example_id"]),
                JSON.parse(String(r["result_json"])) as ExampleResult,
              ]),
            );
          }),
        save: (runId, result) =>
          serial(async () => {
            await connection.run(
              "INSERT OR REPLACE INTO eval_run_results VALUES (?, ?, ?)",
              [runId, result.exampleId, JSON.stringify(result)],
            );
          }),
        close() {
          connection.closeSync();
          instance.closeSync();
        },
      },
    };
  } catch (e) {
    return {
      ok: false,
      diagnostics: [
        {
          code: sdkCodes.evalRunStoreFailed,
          severity: "error",
          message: `cannot open the result store ${path}: ${e instanceof Error ? e.message : String(e)}`,
        },
      ],
    };
  }
}
