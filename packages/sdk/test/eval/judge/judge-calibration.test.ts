import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededShuffle } from "../../../src/dataset/write-dataset.js";
import {
  calibrateJudge,
  createChatClient,
  createJudge,
  defaultCalibrationConfig,
  judgePromptSha256,
  judgePromptTemplates,
  judgeScoreRecords,
  type Annotation,
  type Facet,
  type JudgeScore,
} from "../../../src/index.js";
import {
  startOpenAiTestServer,
  type OpenAiTestServer,
} from "../../support/openai-test-server.js";
import { judgedExamples, noisyJudge, type Truth } from "./scripted-judges.js";

describe("judge prompt templates", () => {
  it("each pinned sha256 is the hash of the template's text, and versions are unique", () => {
    for (const t of judgePromptTemplates)
      expect(t.sha256, t.version).toBe(judgePromptSha256(t));
    const versions = judgePromptTemplates.map((t) => t.version);
    expect(new Set(versions).size).toBe(versions.length);
  });
});

/**
 * A scripted judge that says the opposite of the truth on exactly `rate` of the passing
 * and `rate` of the failing examples of a facet (a seeded choice), on balanced truths: its
 * agreement is po = 1 − rate with both base rates 1/2, so kappa is exactly 1 − 2·rate.
 */
const n = 200;
const flipRates = { intent: 0.1, components: 0.25 } as const;
const facets = Object.keys(flipRates) as Facet[];

function constructed(): {
  truths: Map<string, Truth>;
  said: Map<string, Truth>;
  annotations: Annotation[];
} {
  const ids = judgedExamples(n, 1).map((e) => e.input.exampleId);
  const truth = new Map<string, Record<string, "pass" | "fail">>();
  const said = new Map<string, Record<string, "pass" | "fail">>();
  for (const id of ids) {
    truth.set(id, {});
    said.set(id, {});
  }
  for (const [k, facet] of facets.entries()) {
    const order = seededShuffle(ids, 50 + k);
    const passing = order.slice(0, n / 2);
    const failing = order.slice(n / 2);
    const flips = flipRates[facet as keyof typeof flipRates] * (n / 2);
    for (const [group, value, other] of [
      [passing, "pass", "fail"],
      [failing, "fail", "pass"],
    ] as const)
      for (const [i, id] of group.entries()) {
        truth.get(id)![facet] = value;
        said.get(id)![facet] = i < flips ? other : value;
      }
  }
  return {
    truths: truth as Map<string, Truth>,
    said: said as Map<string, Truth>,
    annotations: ids.flatMap((id) =>
      facets.map((facet) => ({
        example_id: id,
        facet,
        scale: "binary" as const,
        label: truth.get(id)![facet] === "pass" ? 1 : 0,
        annotator: "h1",
      })),
    ),
  };
}

let server: OpenAiTestServer;
const data = constructed();
beforeAll(async () => {
  server = await startOpenAiTestServer(noisyJudge(data.said, 0));
});
afterAll(() => server.close());

describe("calibrating a scripted judge", () => {
  it("gives kappa 1 − 2·(flip rate) per facet within ±0.02, and gates only the facet that clears the minimum", async () => {
    const client = createChatClient({
      baseUrl: server.baseUrl,
      model: "judge-scripted",
      concurrency: 8,
    });
    const judge = createJudge(client, { facets });
    const examples = judgedExamples(n, 1);
    const scores = await Promise.all(examples.map((e) => judge.score(e.input)));
    const records: JudgeScore[] = [];
    for (const s of scores) {
      if (!s.ok) throw new Error(JSON.stringify(s.diagnostics));
      records.push(...judgeScoreRecords(s.value).records);
    }
    expect(records).toHaveLength(n * facets.length);
    const calibration = calibrateJudge(data.annotations, records, {
      ...defaultCalibrationConfig,
      facets,
      bootstrap: { resamples: 300, level: 0.95, seed: 3, method: "bca" },
    });
    if (!calibration.ok)
      throw new Error(JSON.stringify(calibration.diagnostics));
    expect(calibration.value.judge?.judge_model).toBe("judge-scripted");
    for (const f of calibration.value.facets) {
      const rate = flipRates[f.facet as keyof typeof flipRates];
      expect(f.agreement?.judgedBy).toBe("verdict");
      expect(f.n).toBe(n);
      expect(
        Math.abs((f.agreement?.kappa?.kappa ?? NaN) - (1 - 2 * rate)),
      ).toBeLessThanOrEqual(0.02);
    }
    expect(calibration.value.gatingFacets).toEqual(["intent"]);
  });
});
