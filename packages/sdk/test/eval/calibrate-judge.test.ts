import { describe, expect, it } from "vitest";
import {
  calibrateJudge,
  defaultCalibrationConfig,
  judgeFacetIds,
  judgeFacets,
  readActivationsJsonl,
  readAnnotationsJsonl,
  readJudgeScoresJsonl,
  resolveAnnotations,
  sdkCodes,
  type Annotation,
  type CalibrationConfig,
  type JudgeScore,
} from "../../src/index.js";
import { seededRandom } from "../../src/dataset/write-dataset.js";

const judge = { judge_model: "test/judge", prompt_sha256: "cd".repeat(32) };
const config: CalibrationConfig = {
  ...defaultCalibrationConfig,
  bootstrap: { resamples: 300, level: 0.95, seed: 3, method: "bca" },
};

/** n binary examples where the judge's verdict agrees with the human with probability `agree`. */
function binaryFacet(
  facet: string,
  n: number,
  agree: number,
  seed: number,
): { annotations: Annotation[]; scores: JudgeScore[] } {
  const random = seededRandom(seed);
  const annotations: Annotation[] = [];
  const scores: JudgeScore[] = [];
  for (let i = 0; i < n; i++) {
    const label = random() < 0.5 ? 1 : 0;
    const verdict = random() < agree ? label : 1 - label;
    const example_id = `${facet}-${i}`;
    annotations.push({ example_id, facet, scale: "binary", label });
    scores.push({
      example_id,
      facet,
      ...judge,
      verdict,
      score: verdict + random() * 0.5,
    });
  }
  return { annotations, scores };
}

describe("calibration records", { timeout: 120_000 }, () => {
  it("lists the five facets as data, each with its question", () => {
    expect(judgeFacetIds).toEqual([
      "intent",
      "flow_fit",
      "components",
      "configuration",
      "next_steps",
    ]);
    for (const f of judgeFacets) expect(f.question).toMatch(/\?$/);
  });

  it("reports every bad line with its line number and reason, and skips blank lines", () => {
    const text = [
      JSON.stringify({
        example_id: "a",
        facet: "intent",
        scale: "binary",
        label: 1,
      }),
      "",
      "{not json",
      JSON.stringify({
        example_id: "b",
        facet: "intent",
        scale: "binary",
        label: 3,
      }),
      JSON.stringify({
        example_id: "c",
        facet: "tone",
        scale: "binary",
        label: 1,
      }),
      JSON.stringify({
        example_id: "d",
        facet: "intent",
        scale: "binary",
        label: 0,
        lable: 1,
      }),
      `${JSON.stringify({ example_id: "e", facet: "components", scale: "ordinal_1_5", label: 5 })}\r`,
    ].join("\n");
    const read = readAnnotationsJsonl(text);
    expect(read.ok).toBe(false);
    const lines = read.diagnostics.map((d) => d.span?.start.line);
    expect(lines).toEqual([3, 4, 5, 6]);
    for (const d of read.diagnostics)
      expect(d.code).toBe(sdkCodes.calibrationInvalidLine);
    expect(read.diagnostics[0]?.message).toMatch(
      /line 3 is not an annotation: not JSON/,
    );
    expect(read.diagnostics[1]?.message).toMatch(
      /label: label is not on the scale/,
    );
    expect(read.diagnostics[2]?.message).toMatch(/facet/);
    expect(read.diagnostics[3]?.message).toMatch(/lable/);
    const start = read.diagnostics[0]?.span?.start.offset ?? 0;
    expect(text.slice(start, start + 9)).toBe("{not json");

    const good = readAnnotationsJsonl(
      text
        .split("\n")
        .filter((_, i) => [0, 1, 6].includes(i))
        .join("\n"),
    );
    expect(good.ok).toBe(true);
    if (good.ok)
      expect(good.value.map((a) => a.example_id)).toEqual(["a", "e"]);
  });

  it("needs a verdict or a score, a 64-hex prompt hash, and a boolean activation", () => {
    const scores = readJudgeScoresJsonl(
      [
        JSON.stringify({
          example_id: "a",
          facet: "intent",
          ...judge,
          verdict: 1,
        }),
        JSON.stringify({ example_id: "b", facet: "intent", ...judge }),
        JSON.stringify({
          example_id: "c",
          facet: "intent",
          ...judge,
          prompt_sha256: "xyz",
          score: 0.2,
        }),
      ].join("\n"),
    );
    expect(scores.ok).toBe(false);
    expect(scores.diagnostics.map((d) => d.span?.start.line)).toEqual([2, 3]);
    expect(scores.diagnostics[0]?.message).toMatch(/verdict, a score or both/);
    const activations = readActivationsJsonl(
      '{"example_id":"a","activated":true}\n{"example_id":"b","activated":"yes"}\n',
    );
    expect(activations.ok).toBe(false);
    expect(activations.diagnostics.map((d) => d.span?.start.line)).toEqual([2]);
  });
});

describe("consensus of several annotators", { timeout: 120_000 }, () => {
  const a = (
    example_id: string,
    label: number,
    annotator: string,
    adjudicated?: boolean,
  ): Annotation => ({
    example_id,
    facet: "configuration",
    scale: "ordinal_1_5",
    label,
    annotator,
    ...(adjudicated === undefined ? {} : { adjudicated }),
  });

  it("settles by majority or median, lets an adjudication win, and lists what it cannot settle", () => {
    const annotations = [
      a("x1", 4, "ann"),
      a("x1", 4, "ben"),
      a("x1", 2, "cy"),
      a("x2", 1, "ann"),
      a("x2", 3, "ben"),
      a("x2", 5, "cy"),
      a("x3", 2, "ann"),
      a("x3", 5, "ben"),
      a("x3", 3, "lead", true),
      a("x4", 4, "ann"),
      a("x5", 4, "ann"),
      a("x5", 5, "ben"),
      a("x5", 1, "lead", true),
      a("x5", 2, "boss", true),
    ];
    const majority = resolveAnnotations(
      "configuration",
      "ordinal_1_5",
      annotations,
      "majority",
      "quadratic",
    );
    expect(
      majority.labels.labels.map((l) => [l.example_id, l.label, l.by]),
    ).toEqual([
      ["x1", 4, "majority"],
      ["x3", 3, "adjudicated"],
      ["x4", 4, "single"],
    ]);
    expect(majority.labels.unresolved).toEqual(["x2", "x5"]);
    expect(majority.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.calibrationUnresolved,
      sdkCodes.calibrationUnresolved,
    ]);
    const median = resolveAnnotations(
      "configuration",
      "ordinal_1_5",
      annotations,
      "median",
      "quadratic",
    );
    expect(median.labels.labels.find((l) => l.example_id === "x2")?.label).toBe(
      3,
    );
    // Inter-annotator agreement counts the independent labels only (not adjudications).
    expect(majority.labels.interAnnotator?.examples).toBe(4);
    expect(majority.labels.interAnnotator?.pairs).toBe(3 + 3 + 1 + 1);
    expect(
      majority.labels.interAnnotator?.byAnnotatorPair.map((p) => [
        p.first,
        p.second,
        p.n,
      ]),
    ).toEqual([
      ["ann", "ben", 4],
      ["ann", "cy", 2],
      ["ben", "cy", 2],
    ]);
  });

  it("reports an annotator's second label for the same example and uses the first", () => {
    const twice = resolveAnnotations(
      "configuration",
      "ordinal_1_5",
      [a("x1", 4, "ann"), a("x1", 2, "ann")],
      "majority",
      "linear",
    );
    expect(twice.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.calibrationDuplicate,
    ]);
    expect(twice.labels.labels).toEqual([
      { example_id: "x1", label: 4, annotators: 1, by: "single" },
    ]);
  });

  it("gives the inter-annotator kappa as the ceiling next to the judge's agreement", () => {
    const random = seededRandom(11);
    const annotations: Annotation[] = [];
    const scores: JudgeScore[] = [];
    for (let i = 0; i < 200; i++) {
      const truth = random() < 0.4 ? 1 : 0;
      for (const annotator of ["ann", "ben", "cy"])
        annotations.push({
          example_id: `e${i}`,
          facet: "intent",
          scale: "binary",
          annotator,
          label: random() < 0.9 ? truth : 1 - truth,
        });
      scores.push({
        example_id: `e${i}`,
        facet: "intent",
        ...judge,
        verdict: random() < 0.8 ? truth : 1 - truth,
      });
    }
    const result = calibrateJudge(annotations, scores, {
      ...config,
      facets: ["intent"],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const facet = result.value.facets[0];
    const ceiling = facet?.interAnnotator?.kappa ?? 0;
    expect(ceiling).toBeGreaterThan(0.5);
    expect(facet?.interAnnotator?.byAnnotatorPair).toHaveLength(3);
    expect(facet?.agreement?.kappa?.kappa ?? 1).toBeLessThan(ceiling);
  });
});

describe("calibrateJudge", { timeout: 120_000 }, () => {
  it("measures each facet, flags the ones below the minimum, and never lets them gate", () => {
    const good = binaryFacet("intent", 300, 0.95, 1);
    const poor = binaryFacet("components", 300, 0.7, 2);
    const result = calibrateJudge(
      [...good.annotations, ...poor.annotations],
      [...good.scores, ...poor.scores],
      config,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.judge).toEqual(judge);
    expect(result.value.facets.map((f) => f.facet)).toEqual(judgeFacetIds);
    const [intent, flowFit, components] = result.value.facets;
    expect(intent?.gating.usable).toBe(true);
    expect(intent?.gating.value).toBe(intent?.agreement?.kappa?.interval?.low);
    expect(intent?.agreement?.judgedBy).toBe("verdict");
    expect(intent?.agreement?.confusion.n).toBe(300);
    expect(intent?.agreement?.accuracy?.rate).toBeGreaterThan(0.9);
    expect(components?.gating.usable).toBe(false);
    expect(components?.gating.reason).toMatch(
      /kappa lower bound 0\.\d+ < 0\.6/,
    );
    expect(flowFit?.gating).toMatchObject({
      usable: false,
      reason: "no annotations",
    });
    expect(result.value.gatingFacets).toEqual(["intent"]);
    const flagged = result.diagnostics.filter(
      (d) => d.code === sdkCodes.calibrationBelowMinimum,
    );
    expect(flagged.map((d) => d.message.split(":")[0])).toEqual([
      "flow_fit",
      "components",
      "configuration",
      "next_steps",
    ]);
    // Verdict and score are both given: the threshold is reported beside the verdict agreement.
    expect(intent?.threshold?.inSample.threshold).toBeGreaterThan(0.4);
  });

  it("gates on the interval's lower bound or on the estimate, as configured", () => {
    const data = binaryFacet("intent", 60, 0.85, 5);
    const run = (on: "lower_bound" | "estimate", minimum: number) =>
      calibrateJudge(data.annotations, data.scores, {
        ...config,
        facets: ["intent"],
        gating: { minimum, on, minimumExamples: 30 },
      });
    const first = run("estimate", 0);
    const kappa = first.ok ? first.value.facets[0]?.agreement?.kappa : null;
    const estimate = kappa?.kappa ?? Number.NaN;
    const low = kappa?.interval?.low ?? Number.NaN;
    expect(low).toBeLessThan(estimate);
    // A minimum between the two: the estimate clears it, the lower bound does not.
    const minimum = (low + estimate) / 2;
    const lenient = run("estimate", minimum);
    const cautious = run("lower_bound", minimum);
    expect(lenient.ok && lenient.value.gatingFacets).toEqual(["intent"]);
    expect(cautious.ok && cautious.value.gatingFacets).toEqual([]);
    expect(cautious.ok && cautious.value.facets[0]?.gating.value).toBe(low);
    const fewer = calibrateJudge(data.annotations, data.scores, {
      ...config,
      facets: ["intent"],
      gating: { minimum: 0.1, on: "estimate", minimumExamples: 100 },
    });
    expect(fewer.ok && fewer.value.facets[0]?.gating.reason).toBe(
      "60 examples, fewer than the 100 required",
    );
  });

  it("refuses scores from two judge versions", () => {
    const data = binaryFacet("intent", 10, 0.9, 1);
    const other = {
      ...data.scores[0],
      prompt_sha256: "ef".repeat(32),
    } as JudgeScore;
    const result = calibrateJudge(
      data.annotations,
      [...data.scores, other],
      config,
    );
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.calibrationMixedJudges,
    ]);
  });

  it("counts annotated-only and judged-only examples, and verdicts off the scale stop the facet", () => {
    const data = binaryFacet("intent", 50, 0.9, 4);
    const result = calibrateJudge(
      data.annotations.slice(0, 45),
      [
        ...data.scores.slice(5),
        { example_id: "extra", facet: "intent", ...judge, verdict: 1 },
      ],
      { ...config, facets: ["intent"] },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.facets[0]).toMatchObject({
      n: 40,
      annotatedOnly: 5,
      judgedOnly: 6,
    });
    const off = calibrateJudge(
      data.annotations,
      data.scores.map((s, i) => (i === 3 ? { ...s, verdict: 4 } : s)),
      { ...config, facets: ["intent"] },
    );
    expect(off.ok).toBe(true);
    if (!off.ok) return;
    expect(off.value.facets[0]?.agreement).toBeNull();
    expect(off.value.facets[0]?.gating.usable).toBe(false);
    expect(
      off.diagnostics.some((d) => d.code === sdkCodes.calibrationScaleMismatch),
    ).toBe(true);
  });

  it("marks in-sample threshold agreement as optimistic when cross-validation is off", () => {
    const data = binaryFacet("intent", 200, 0.85, 8);
    const scoresOnly = data.scores.map(
      ({ verdict: _verdict, ...rest }) => rest,
    );
    const none = calibrateJudge(data.annotations, scoresOnly, {
      ...config,
      facets: ["intent"],
      threshold: { objective: "youden", validation: { kind: "none" } },
    });
    expect(none.ok).toBe(true);
    if (!none.ok) return;
    expect(none.value.facets[0]?.agreement).toMatchObject({
      judgedBy: "threshold",
      optimistic: true,
    });
    expect(none.value.facets[0]?.threshold?.crossValidated).toBeNull();
    expect(
      none.diagnostics.some((d) => d.code === sdkCodes.calibrationOptimistic),
    ).toBe(true);
    const cv = calibrateJudge(data.annotations, scoresOnly, {
      ...config,
      facets: ["intent"],
    });
    expect(
      cv.ok && cv.value.facets[0]?.threshold?.crossValidated?.thresholds,
    ).toHaveLength(5);
    expect(cv.ok && cv.value.facets[0]?.agreement?.optimistic).toBe(false);
  });

  it("checks the judge against production activation when outcomes are given", () => {
    const random = seededRandom(21);
    const data = binaryFacet("intent", 100, 0.9, 9);
    // Production: more conversations than were annotated; activation follows the verdict.
    const production: JudgeScore[] = [];
    const activations = [];
    for (let i = 0; i < 400; i++) {
      const verdict = random() < 0.6 ? 1 : 0;
      production.push({
        example_id: `prod-${i}`,
        facet: "intent",
        ...judge,
        verdict,
        score: verdict + random(),
      });
      activations.push({
        example_id: `prod-${i}`,
        activated: random() < (verdict === 1 ? 0.7 : 0.2),
      });
    }
    const result = calibrateJudge(
      data.annotations,
      [...data.scores, ...production],
      {
        ...config,
        facets: ["intent"],
        activations: [
          ...activations,
          { example_id: "prod-0", activated: !activations[0]?.activated },
          { example_id: "never-judged-1", activated: true },
          { example_id: "never-judged-2", activated: false },
        ],
      },
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const check = result.value.facets[0]?.production;
    expect(check?.n).toBe(400);
    expect(check?.unjudged).toBe(2);
    expect(result.diagnostics[0]?.code).toBe(sdkCodes.calibrationDuplicate);
    expect(result.diagnostics[0]?.message).toMatch(/prod-0/);
    expect(check?.auc?.auc).toBeGreaterThan(0.65);
    expect(check?.pointBiserial).toBeGreaterThan(0.2);
    expect(check?.whenMet?.rate ?? 0).toBeGreaterThan(
      check?.whenNotMet?.rate ?? 1,
    );
    expect(check?.whenMet?.interval.method).toBe("wilson");
  });

  it("is deterministic: the same inputs and seeds give byte-identical results", () => {
    const data = binaryFacet("intent", 120, 0.8, 12);
    const text = (c: CalibrationConfig) =>
      JSON.stringify(calibrateJudge(data.annotations, data.scores, c));
    expect(text(config)).toBe(text(config));
    expect(text(config)).toContain('"method":"bca"');
    const reseeded = { ...config, bootstrap: { ...config.bootstrap, seed: 4 } };
    expect(text(reseeded)).not.toBe(text(config));
    expect(text(config)).not.toMatch(/NaN|Infinity/);
  });
});
