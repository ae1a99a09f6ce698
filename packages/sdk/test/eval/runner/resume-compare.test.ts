import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  binaryMetrics,
  compareRuns,
  runBenchmark,
  sdkCodes,
  studentTQuantile,
  type BenchmarkRun,
  type ExampleResult,
  type Judge,
} from "../../../src/index.js";
import {
  startOpenAiTestServer,
  type OpenAiTestServer,
} from "../../support/openai-test-server.js";
import {
  buildFixtures,
  okValue,
  scriptedClient,
  type Fixtures,
} from "./fixtures.js";
import { firstUserMessage, scriptedModels } from "./scripted-models.js";

let fx: Fixtures;
let server: OpenAiTestServer;
let dir: string;

beforeAll(async () => {
  fx = await buildFixtures();
  dir = mkdtempSync(join(tmpdir(), "flowpy-runner-"));
  server = await startOpenAiTestServer(() => ({ kind: "status", status: 500 }));
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A result without wall times, which no two runs share. */
function timeless(r: ExampleResult): unknown {
  return {
    ...r,
    metrics: { ...r.metrics, latencyMs: 0 },
    turns: r.turns.map((t) => ({ ...t, latencyMs: 0 })),
  };
}

describe("resumable runs", () => {
  it("a run cancelled midway and started again runs each example once and gives the same results", async () => {
    server.reset(scriptedModels(fx.scripted, { correct: { kind: "correct" } }));
    const whole = okValue(
      await runBenchmark({
        examples: fx.examples,
        client: scriptedClient(server.baseUrl, "correct"),
        environment: fx.benchmarkEnv,
      }),
    );
    server.reset();
    const storePath = join(dir, "store.duckdb");
    const controller = new AbortController();
    const options = {
      examples: fx.examples,
      client: scriptedClient(server.baseUrl, "correct"),
      environment: fx.benchmarkEnv,
      storePath,
      concurrency: 1,
    };
    const first = await runBenchmark({
      ...options,
      signal: controller.signal,
      onExample: (_r, done) => {
        if (done === 2) controller.abort();
      },
    });
    expect(first.ok).toBe(false);
    expect(first.diagnostics[0]?.code).toBe(sdkCodes.evalRunAborted);
    const second = okValue(await runBenchmark(options));
    expect(second.resumed).toBe(2);
    expect(second.runId).toBe(whole.runId);
    expect(second.examples.map(timeless)).toEqual(whole.examples.map(timeless));
    expect(second.summary.rates).toEqual(whole.summary.rates);
    // Every example's conversation reached the server exactly once over both runs.
    for (const e of whole.examples) {
      const asked = server.requests.filter(
        (q) =>
          q.body !== undefined &&
          firstUserMessage(q.body) ===
            e.messages.find((m) => m.role === "user")?.content,
      );
      expect(asked, e.exampleId).toHaveLength(e.metrics.turns);
    }
    // A third start finds everything finished and asks the server nothing.
    server.reset();
    const third = okValue(await runBenchmark(options));
    expect(third.resumed).toBe(fx.examples.length);
    expect(server.requests).toHaveLength(0);
    expect(third.examples).toEqual(second.examples);
  });
});

describe("compareRuns", () => {
  it("correct (A) against a model that breaks two examples (B): paired differences, intervals, McNemar", async () => {
    const broken = new Set([
      fx.examples[0]?.id ?? "",
      fx.examples[2]?.id ?? "",
    ]);
    server.reset(
      scriptedModels(fx.scripted, {
        correct: { kind: "correct" },
        faulty: {
          kind: "mutate",
          only: broken,
          mutate: (python) => `${python}\n    )(\n`,
        },
      }),
    );
    const runOf = async (model: string): Promise<BenchmarkRun> =>
      okValue(
        await runBenchmark({
          examples: fx.examples,
          client: scriptedClient(server.baseUrl, model),
          environment: fx.benchmarkEnv,
        }),
      );
    const a = await runOf("correct");
    const b = await runOf("faulty");
    const cmp = okValue(compareRuns(a, b));
    expect(cmp.sameEvalSet).toBe(true);
    const syntactic = cmp.metrics.find(
      (m) => m.metric === "syntactic",
    )?.comparison;
    if (syntactic === undefined) throw new Error("no syntactic comparison");
    // Four examples have a reference; two of them broke.
    expect(syntactic).toMatchObject({
      n: 4,
      meanA: 1,
      meanB: 0.5,
      meanDifference: -0.5,
      wins: 0,
      ties: 2,
      losses: 2,
    });
    expect(syntactic.mcnemar).toEqual({ onlyA: 2, onlyB: 0, pValue: 0.5 });
    // t interval of the differences [-1, 0, -1, 0]: mean −0.5, s = 1/√3, df 3.
    const half = studentTQuantile(0.975, 3) * Math.sqrt(1 / 3 / 4);
    expect(syntactic.t?.low).toBeCloseTo(-0.5 - half, 12);
    expect(syntactic.t?.high).toBeCloseTo(-0.5 + half, 12);
    expect(syntactic.bootstrap.low).toBeLessThanOrEqual(-0.5);
    expect(syntactic.bootstrap.high).toBeGreaterThanOrEqual(-0.5);
    expect(syntactic.bootstrap.low).toBeGreaterThanOrEqual(-1);
    const declined = cmp.metrics.find(
      (m) => m.metric === "declinedCorrectly",
    )?.comparison;
    expect(declined).toMatchObject({ n: 1, meanDifference: 0 });
    // Per request kind: both broken examples are creates.
    const slice = (kind: string) =>
      cmp.slices.find((s) => s.metric === "equivalent" && s.slice === kind)
        ?.comparison;
    expect(slice("requestKind=create")).toMatchObject({
      n: 3,
      losses: 2,
      wins: 0,
    });
    expect(slice("requestKind=edit")).toMatchObject({
      n: 1,
      losses: 0,
      wins: 0,
    });
    expect(
      okValue(compareRuns(a, a)).metrics.every(
        (m) => m.metric === "latencyMs" || m.comparison.meanDifference === 0,
      ),
    ).toBe(true);
  });
});

describe("judge facets", () => {
  it("a configured judge scores each example; its facets become metrics with rates", async () => {
    server.reset(scriptedModels(fx.scripted, { correct: { kind: "correct" } }));
    const seen: string[] = [];
    const judge: Judge = {
      id: "stub-judge/1",
      score(input) {
        seen.push(input.exampleId);
        const declines = input.reference?.shouldDecline === true;
        return Promise.resolve({
          ok: true,
          diagnostics: [],
          value: {
            exampleId: input.exampleId,
            judgeModel: "stub",
            promptVersion: "1",
            promptSha256: "0".repeat(64),
            samples: 1,
            facets: [
              { facet: "intent", verdict: "pass", rationale: "ok" },
              {
                facet: "components",
                verdict: declines
                  ? "n/a"
                  : input.finalWorkflow === undefined
                    ? "fail"
                    : "pass",
                rationale: "by the submission",
              },
            ],
          },
        });
      },
    };
    const r = okValue(
      await runBenchmark({
        examples: fx.examples,
        client: scriptedClient(server.baseUrl, "correct"),
        environment: fx.benchmarkEnv,
        judge,
      }),
    );
    expect([...seen].sort()).toEqual(fx.examples.map((e) => e.id).sort());
    expect(r.judge).toBe("stub-judge/1");
    for (const e of r.examples) {
      expect(e.judge?.judgeModel).toBe("stub");
      expect(e.metrics.judge).toEqual(
        e.kind === "question" ? { intent: 1 } : { intent: 1, components: 1 },
      );
    }
    expect(
      r.summary.rates.find((x) => x.metric === "components"),
    ).toMatchObject({ n: 4, successes: 4 });
    expect(r.summary.rates.find((x) => x.metric === "intent")).toMatchObject({
      n: 5,
      successes: 5,
    });
    // Facets are sliced like the other pass/fail metrics, after them.
    expect(r.summary.failureShares.map((f) => f.metric)).toEqual([
      ...binaryMetrics,
      "components",
      "intent",
    ]);
    const question = r.summary.slices.find(
      (s) => s.key === "requestKind=question",
    );
    expect(question?.metrics["intent"]).toMatchObject({
      kind: "rate",
      n: 1,
      failures: 0,
    });
    expect(question?.metrics["components"]).toBeUndefined();
  });
});
