import { spawnSync } from "node:child_process";
import { join } from "node:path";

const script = join(import.meta.dirname, "stats_oracle.py");

/**
 * Runs a batch of cases through the numpy/scipy oracle in one python3 process. Throws with
 * python's own message when python3, numpy or scipy is missing: the test must fail, not skip.
 */
export function pythonOracle(cases: readonly unknown[]): unknown[] {
  const run = spawnSync("python3", [script], {
    input: JSON.stringify(cases),
    encoding: "utf8",
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error !== undefined)
    throw new Error(
      `python3 could not run the statistics oracle: ${run.error.message}`,
    );
  if (run.status !== 0)
    throw new Error(
      `the statistics oracle failed (exit ${run.status}): ${run.stderr}`,
    );
  return JSON.parse(run.stdout) as unknown[];
}
