import { z } from "zod";
import {
  judgeFacetIds,
  ratingScales,
  type RatingScale,
} from "./judge-facets.js";

const facet = z.enum(judgeFacetIds as [string, ...string[]]);
const exampleId = z.string().min(1);

/**
 * One human label for one facet of one example, a line of an annotations JSONL file:
 *
 * ```json
 * {"example_id":"conv-0042","facet":"components","scale":"binary","label":1,"annotator":"ana","note":"right trigger, right tag action"}
 * {"example_id":"conv-0042","facet":"configuration","scale":"ordinal_1_5","label":4,"annotator":"ben"}
 * {"example_id":"conv-0042","facet":"configuration","scale":"ordinal_1_5","label":3,"annotator":"lead","adjudicated":true}
 * ```
 *
 * `label` is on the facet's scale (binary: 0 not met, 1 met; ordinal_1_5: 1 very poor … 5
 * excellent). Several annotators may label the same example; an `adjudicated` label settles
 * it outright, otherwise the consensus rule of the calibration config does. Unknown keys are
 * rejected so that a misspelt field is reported instead of ignored.
 */
export const annotationSchema = z
  .strictObject({
    example_id: exampleId,
    facet,
    scale: z.enum(["binary", "ordinal_1_5"]),
    label: z.number().int(),
    annotator: z.string().min(1).optional(),
    adjudicated: z.boolean().optional(),
    note: z.string().optional(),
  })
  .refine(
    (a) => (ratingScales[a.scale] as readonly number[]).includes(a.label),
    { message: "label is not on the scale", path: ["label"] },
  );

export interface Annotation {
  readonly example_id: string;
  readonly facet: string;
  readonly scale: RatingScale;
  readonly label: number;
  readonly annotator?: string;
  readonly adjudicated?: boolean;
  readonly note?: string;
}

/**
 * One judge verdict for one facet of one example, a line of a judge-scores JSONL file:
 *
 * ```json
 * {"example_id":"conv-0042","facet":"components","judge_model":"Qwen/Qwen3-32B","prompt_sha256":"9f2c…(64 hex)","prompt_version":"judge-facets/3","verdict":1,"score":0.91,"rationale":"uses order_created and add_order_tags as asked","samples":5}
 * ```
 *
 * `verdict` is a label on the facet's scale; `score` is any number where higher means the
 * facet is more likely met (a probability, a mean over self-consistency `samples`, a 1–5
 * mean), which calibration turns into a verdict by a tuned threshold. At least one of the two
 * is required. Every score names its judge model and prompt hash, so agreement is always
 * about one judge version.
 */
export const judgeScoreSchema = z
  .strictObject({
    example_id: exampleId,
    facet,
    judge_model: z.string().min(1),
    prompt_sha256: z.string().regex(/^[0-9a-f]{64}$/),
    prompt_version: z.string().optional(),
    verdict: z.number().int().optional(),
    score: z.number().optional(),
    rationale: z.string().optional(),
    samples: z.number().int().positive().optional(),
  })
  .refine((s) => s.verdict !== undefined || s.score !== undefined, {
    message: "a judge score needs a verdict, a score or both",
    path: ["verdict"],
  });

export interface JudgeScore {
  readonly example_id: string;
  readonly facet: string;
  readonly judge_model: string;
  readonly prompt_sha256: string;
  readonly prompt_version?: string;
  readonly verdict?: number;
  readonly score?: number;
  readonly rationale?: string;
  readonly samples?: number;
}

/**
 * Whether the workflow of a production conversation was turned on, a line of an activations
 * JSONL file: `{"example_id":"conv-0042","activated":true}`.
 */
export const activationSchema = z.strictObject({
  example_id: exampleId,
  activated: z.boolean(),
});

export interface Activation {
  readonly example_id: string;
  readonly activated: boolean;
}
