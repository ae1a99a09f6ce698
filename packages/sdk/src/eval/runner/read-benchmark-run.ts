import type { Result } from "@flowpy/transpiler";
import { z } from "zod";
import { sdkCodes } from "../../sdk-codes.js";
import { requestKinds } from "../eval-set/eval-example.js";
import type { BenchmarkRun } from "./run-benchmark.js";

const flag = z.union([z.literal(0), z.literal(1), z.null()]);

const interval = z
  .object({ low: z.number(), high: z.number(), level: z.number() })
  .loose();

/** The fields compare and report read; the rest of a run file is carried along as written. */
const runSchema = z
  .object({
    runId: z.string(),
    model: z.string(),
    evalSetSha256: z.string(),
    toolSetHash: z.string(),
    systemPromptVersion: z.string(),
    turnLimit: z.number(),
    resumed: z.number(),
    examples: z.array(
      z
        .object({
          exampleId: z.string(),
          kind: z.enum(requestKinds),
          status: z.enum(["completed", "error"]),
          stop: z.enum(["answered", "turn-limit", "error"]),
          metrics: z
            .object({
              syntactic: flag,
              equivalent: flag,
              executionScore: z.number().nullable(),
              declinedCorrectly: flag,
              withinTurnLimit: z.union([z.literal(0), z.literal(1)]),
              turns: z.number(),
              latencyMs: z.number(),
              inputTokens: z.number(),
              outputTokens: z.number(),
              costUsd: z.number(),
              judge: z.record(
                z.string(),
                z.union([z.literal(0), z.literal(1)]),
              ),
            })
            .loose(),
        })
        .loose(),
    ),
    summary: z
      .object({
        examples: z.number(),
        errors: z.number(),
        rates: z.array(
          z
            .object({
              metric: z.string(),
              n: z.number(),
              rate: z.number(),
              interval,
            })
            .loose(),
        ),
        means: z.array(
          z
            .object({
              metric: z.string(),
              n: z.number(),
              mean: z.number(),
              interval,
            })
            .loose(),
        ),
        slices: z.array(z.object({ slice: z.string(), n: z.number() }).loose()),
      })
      .loose(),
  })
  .loose();

/** A run as `flowpy eval run` writes it (`run.json`), checked before compare or report read it. */
export function readBenchmarkRun(
  text: string,
  source = "run",
): Result<BenchmarkRun> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return unreadable(
      `${source} is not JSON (${e instanceof Error ? e.message : String(e)})`,
    );
  }
  const checked = runSchema.safeParse(json);
  if (!checked.success)
    return unreadable(
      `${source} is not a benchmark run: ${checked.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".") || "$"}: ${i.message}`)
        .join("; ")}`,
    );
  // The schema checked every field compare and report read; the rest is the run's own record.
  return {
    ok: true,
    value: checked.data as unknown as BenchmarkRun,
    diagnostics: [],
  };
}

function unreadable<T>(message: string): Result<T> {
  return {
    ok: false,
    diagnostics: [
      { code: sdkCodes.evalRunUnreadable, severity: "error", message },
    ],
  };
}
