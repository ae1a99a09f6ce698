import type { Diagnostic, Result } from "@flowpy/transpiler";
import { z } from "zod";
import {
  judgeFacetIds,
  type JudgeFacet,
} from "../eval/calibration/judge-facets.js";
import { sdkCodes } from "../sdk-codes.js";

/**
 * What routing needs of a judge calibration (`JudgeCalibration`, as `calibrateJudge` returns
 * it and `flowpy eval calibrate` writes it under `calibration` in `calibration.json`).
 */
export interface CalibrationGates {
  readonly judge: {
    readonly judge_model: string;
    readonly prompt_sha256: string;
  } | null;
  readonly facets: readonly {
    readonly facet: JudgeFacet;
    readonly gating: { readonly usable: boolean; readonly reason: string };
  }[];
  readonly gatingFacets: readonly JudgeFacet[];
}

/** Which facets may gate routing: chosen ones, a calibration's verdict, or both (then both must agree). */
export interface FlywheelGatingInput {
  /** Facets chosen to gate (`--gate`); with a calibration, a facet it flags still does not gate. */
  readonly facets?: readonly JudgeFacet[];
  readonly calibration?: CalibrationGates;
}

/** One facet: whether it gates this week's routing, and why. */
export interface FacetGate {
  readonly facet: JudgeFacet;
  readonly gates: boolean;
  /** `calibrated` and `flagged` come from a calibration; `chosen`/`not-chosen` from the facets given. */
  readonly basis:
    "calibrated" | "flagged" | "not-calibrated" | "chosen" | "not-chosen";
  readonly reason: string;
}

export interface FlywheelGating {
  /** The facets that gate, in code-unit order. */
  readonly facets: readonly JudgeFacet[];
  /** Every facet, in calibration's facet order, with its decision. */
  readonly gates: readonly FacetGate[];
  /** The judge the calibration measured, when one was given. */
  readonly calibratedJudge: {
    readonly model: string;
    readonly promptSha256: string;
  } | null;
}

function mismatch(message: string): Result<never> {
  const d: Diagnostic = {
    code: sdkCodes.flywheelCalibrationMismatch,
    severity: "error",
    message,
  };
  return { ok: false, diagnostics: [d] };
}

/**
 * The week's gating. A calibration measured for another judge model or prompt says nothing
 * about this one, so it is refused rather than trusted (`flywheel-calibration-mismatch`).
 * A facet the calibration flags (agreement below its minimum) or did not calibrate never
 * gates, even when chosen; each facet's reason goes into the week's summary and report.
 */
export function resolveGating(
  input: FlywheelGatingInput,
  judge: { readonly model: string; readonly promptSha256: string },
): Result<FlywheelGating> {
  const chosen = input.facets === undefined ? undefined : new Set(input.facets);
  const calibration = input.calibration;
  if (calibration?.judge != null) {
    const { judge_model: model, prompt_sha256: sha } = calibration.judge;
    if (model !== judge.model || sha !== judge.promptSha256)
      return mismatch(
        `the calibration measured the judge ${model} with prompt sha256 ${sha}, but this week is judged by ${judge.model} with prompt sha256 ${judge.promptSha256}; calibrate this judge first`,
      );
  }
  const gates = judgeFacetIds.map((facet): FacetGate => {
    if (calibration === undefined)
      return chosen?.has(facet) === true
        ? {
            facet,
            gates: true,
            basis: "chosen",
            reason: "chosen to gate (no calibration given)",
          }
        : {
            facet,
            gates: false,
            basis: "not-chosen",
            reason: "not chosen to gate",
          };
    const measured = calibration.facets.find((f) => f.facet === facet);
    if (measured === undefined)
      return {
        facet,
        gates: false,
        basis: "not-calibrated",
        reason: "the calibration has no human labels for it",
      };
    if (!measured.gating.usable || !calibration.gatingFacets.includes(facet))
      return {
        facet,
        gates: false,
        basis: "flagged",
        reason: `calibration flags it: ${measured.gating.reason}`,
      };
    if (chosen !== undefined && !chosen.has(facet))
      return {
        facet,
        gates: false,
        basis: "not-chosen",
        reason: `calibrated (${measured.gating.reason}) but not chosen to gate`,
      };
    return {
      facet,
      gates: true,
      basis: "calibrated",
      reason: `calibrated: ${measured.gating.reason}`,
    };
  });
  return {
    ok: true,
    value: {
      facets: gates
        .filter((g) => g.gates)
        .map((g) => g.facet)
        .sort(),
      gates,
      calibratedJudge:
        calibration?.judge == null
          ? null
          : {
              model: calibration.judge.judge_model,
              promptSha256: calibration.judge.prompt_sha256,
            },
    },
    diagnostics: [],
  };
}

const facetId = z.enum(judgeFacetIds);

const calibrationSchema = z.object({
  judge: z
    .object({ judge_model: z.string(), prompt_sha256: z.string() })
    .nullable(),
  facets: z.array(
    z.object({
      facet: facetId,
      gating: z.object({ usable: z.boolean(), reason: z.string() }),
    }),
  ),
  gatingFacets: z.array(facetId),
});

/**
 * The gating part of a calibration file: `flowpy eval calibrate`'s `calibration.json`
 * (`{"config", "calibration", "diagnostics"}`) or a bare `JudgeCalibration`.
 */
export function readCalibrationGates(text: string): Result<CalibrationGates> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return mismatch(`not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const inner =
    typeof value === "object" && value !== null && "calibration" in value
      ? value.calibration
      : value;
  const parsed = calibrationSchema.safeParse(inner);
  if (!parsed.success)
    return mismatch(
      `not a judge calibration: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".") || "(top)"}: ${i.message}`)
        .join("; ")}`,
    );
  return { ok: true, value: parsed.data, diagnostics: [] };
}
