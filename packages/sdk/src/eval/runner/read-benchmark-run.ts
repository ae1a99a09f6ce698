import type { Result } from "@flowpy/transpiler";
import { z } from "zod";
import { sdkCodes } from "../../sdk-codes.js";
import { requestKinds } from "../eval-set/eval-example.js";
import {
  actionFamilies,
  conditionPatterns,
  triggerResources,
  workflowSizes,
} from "../../tags/tag-vocabulary.js";
import type { BenchmarkRun } from "./run-benchmark.js";

const flag = z.union([z.literal(0), z.literal(1), z.null()]);

const interval = z
  .object({ low: z.number(), high: z.number(), level: z.number() })
  .loose();

/** `ConversationTags`: compare slices the examples again by them. */
const sliceTags = z.object({
  requestKind: z.enum(requestKinds),
  workflowTagged: z.boolean(),
  trigger: z.string(),
  triggerResource: z.enum(triggerResources),
  actionFamilies: z.array(z.enum(actionFamilies)),
  conditionPatterns: z.array(z.enum(conditionPatterns)),
  apps: z.array(z.string()),
  email: z.boolean(),
  loops: z.boolean(),
  liquid: z.boolean(),
  waits: z.boolean(),
  http: z.boolean(),
  metafields: z.boolean(),
  unknownTasks: z.boolean(),
  size: z.enum(workflowSizes),
  stepCount: z.number(),
});

const sliceMetric = z
  .object({
    kind: z.enum(["rate", "mean"]),
    n: z.number(),
    failures: z.number(),
    value: z.number(),
    interval: interval.nullable(),
  })
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
          sliceTags,
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
        slices: z.array(
          z
            .object({
              key: z.string(),
              dimension: z.string(),
              value: z.string(),
              n: z.number(),
              metrics: z.record(z.string(), sliceMetric),
            })
            .loose(),
        ),
        failureShares: z.array(
          z
            .object({
              metric: z.string(),
              n: z.number(),
              failures: z.number(),
              shares: z.array(
                z
                  .object({
                    slice: z.string(),
                    share: z.number(),
                    failures: z.number(),
                    n: z.number(),
                  })
                  .loose(),
              ),
            })
            .loose(),
        ),
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
