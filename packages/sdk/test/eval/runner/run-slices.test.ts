/**
 * The benchmark runner's slices against scripted models: every example is tagged with its
 * reference's tags, the run summary's per-slice rates, intervals and failure shares are
 * exactly what the script makes them, and a comparison finds the slices a worse model broke.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  compareRuns,
  conversationTags,
  runBenchmark,
  sliceKeys,
  wilsonInterval,
  type BenchmarkRun,
  type ExampleResult,
  type RunComparison,
} from "../../../src/index.js";
import {
  startOpenAiTestServer,
  type OpenAiTestServer,
} from "../../support/openai-test-server.js";
import {
  chromiumPath,
  evaluate,
  installHint,
  launchChromium,
  openPage,
} from "../../report/headless-chromium.js";
import {
  buildFixtures,
  evalCli,
  okValue,
  scriptedClient,
  sliceWorkflowNames,
  type Fixtures,
} from "./fixtures.js";
import { scriptedModels, type ModelBehaviour } from "./scripted-models.js";

const passFail = [
  "syntactic",
  "equivalent",
  "declinedCorrectly",
  "withinTurnLimit",
] as const;
type PassFail = (typeof passFail)[number];
type Expected = Readonly<Record<PassFail, 0 | 1 | null>>;

const idOf = (name: string, variant = "create"): string =>
  `${name.split("/")[1]}:${variant}`;
const [FIRST] = sliceWorkflowNames;
const QUESTION = idOf(FIRST, "question");
const EMAIL = sliceWorkflowNames.slice(6).map((n) => idOf(n));
const [STAFF, PICKUP, LOW_STOCK, , , LINE_ITEMS] = EMAIL;
const EXPRESS = idOf("order-tagging/tag-express-shipping-orders");

let fx: Fixtures;
let server: OpenAiTestServer;
let dir: string;
/** The Python the first workflow's ideal create submits: a clean program, but the wrong one elsewhere. */
let firstPython: string;

const syntaxError = (python: string): string => `${python}\n    )(\n`;

/** One kind of mistake on each of four email workflows, a dead request on a non-email one, a question answered with a workflow. */
function mistakes(): ModelBehaviour {
  return {
    kind: "by-example",
    otherwise: { kind: "correct" },
    byId: {
      [STAFF ?? ""]: { kind: "mutate", mutate: syntaxError },
      [PICKUP ?? ""]: { kind: "submit-anyway", python: firstPython },
      [LOW_STOCK ?? ""]: { kind: "malformed-submit" },
      [LINE_ITEMS ?? ""]: { kind: "loop" },
      [EXPRESS]: { kind: "error" },
      [QUESTION]: { kind: "submit-anyway", python: firstPython },
    },
  };
}

/** What each example must score under `mistakes()`, decided from the script alone. */
function expectedMistakes(id: string): Expected {
  if (id === QUESTION)
    return {
      syntactic: null,
      equivalent: null,
      declinedCorrectly: 0,
      withinTurnLimit: 1,
    };
  const wrong = (syntactic: 0 | 1, withinTurnLimit: 0 | 1): Expected => ({
    syntactic,
    equivalent: 0,
    declinedCorrectly: null,
    withinTurnLimit,
  });
  if (id === STAFF || id === LOW_STOCK) return wrong(0, 1);
  if (id === PICKUP) return wrong(1, 1);
  if (id === LINE_ITEMS || id === EXPRESS) return wrong(0, 0);
  return {
    syntactic: 1,
    equivalent: 1,
    declinedCorrectly: null,
    withinTurnLimit: 1,
  };
}

async function runModel(
  behaviour: ModelBehaviour,
  extra: { readonly timeoutMs?: number } = {},
): Promise<BenchmarkRun> {
  server.reset(scriptedModels(fx.scripted, { model: behaviour }));
  return okValue(
    await runBenchmark({
      examples: fx.examples,
      client: scriptedClient(server.baseUrl, "model", {
        maxRetries: 2,
        ...extra,
      }),
      environment: fx.benchmarkEnv,
      turnLimit: 8,
    }),
  );
}

/** The slice keys of an example: `all` and one per tag value. */
function keysOf(e: ExampleResult): readonly string[] {
  return ["all", ...sliceKeys(e.sliceTags)];
}

beforeAll(async () => {
  fx = await buildFixtures(sliceWorkflowNames);
  dir = mkdtempSync(join(tmpdir(), "flowpy-run-slices-"));
  server = await startOpenAiTestServer(() => ({ kind: "status", status: 500 }));
  const first = fx.scripted[0]?.trajectory.conversation.messages ?? [];
  const submit = first
    .flatMap((m) => (m.role === "assistant" ? (m.tool_calls ?? []) : []))
    .find((c) => c.function.name === "submit_workflow");
  if (submit === undefined)
    throw new Error("the first example submits nothing");
  firstPython = (JSON.parse(submit.function.arguments) as { python: string })
    .python;
}, 60_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("slice tags", () => {
  it("every example carries the eval set's request kind and its reference's workflow tags", async () => {
    const r = await runModel({ kind: "correct" });
    for (const [i, e] of r.examples.entries()) {
      const example = fx.examples[i];
      if (example === undefined) throw new Error("no example");
      const fromReference = conversationTags(
        example.reference === undefined
          ? { conversation: [] }
          : { conversation: [], workflow: example.reference },
        fx.env.catalog,
      );
      expect(e.sliceTags, e.exampleId).toEqual({
        ...fromReference,
        requestKind: example.kind,
      });
    }
    // The fixture's split holds: six email workflows, the rest without.
    expect(
      r.examples.filter((e) => e.sliceTags.email).map((e) => e.exampleId),
    ).toEqual(EMAIL);
    // A question has no reference, and a correct model submits nothing: no workflow tags.
    const question = r.examples.find((e) => e.exampleId === QUESTION);
    expect(question?.sliceTags).toMatchObject({
      requestKind: "question",
      workflowTagged: false,
      trigger: "none",
    });
    // Every slice holds exactly its examples, and every pass/fail metric is perfect.
    for (const s of r.summary.slices) {
      expect(s.n, s.key).toBe(
        r.examples.filter((e) => keysOf(e).includes(s.key)).length,
      );
      for (const m of passFail)
        if (s.metrics[m] !== undefined)
          expect(s.metrics[m], `${s.key} ${m}`).toMatchObject({
            kind: "rate",
            failures: 0,
            value: 1,
          });
    }
    expect(r.summary.slices[0]?.key).toBe("all");
    expect(r.summary.failureShares.map((f) => [f.metric, f.failures])).toEqual(
      passFail.map((m) => [m, 0]),
    );
  });
});

describe("per-slice metrics and failure shares", () => {
  let r: BenchmarkRun;
  beforeAll(async () => {
    r = await runModel(mistakes());
  }, 60_000);

  it("each example scores what its mistake makes it score", () => {
    for (const e of r.examples) {
      const { syntactic, equivalent, declinedCorrectly, withinTurnLimit } =
        e.metrics;
      expect(
        { syntactic, equivalent, declinedCorrectly, withinTurnLimit },
        e.exampleId,
      ).toEqual(expectedMistakes(e.exampleId));
    }
    expect(
      r.examples.filter((e) => e.status === "error").map((e) => e.exampleId),
    ).toEqual([EXPRESS]);
    // The question answered with a workflow is tagged with the workflow it was given.
    expect(
      r.examples.find((e) => e.exampleId === QUESTION)?.sliceTags,
    ).toMatchObject({ requestKind: "question", workflowTagged: true });
  });

  it("every slice's count, failures, rate and Wilson interval follow from the script", () => {
    const keys = new Set(r.examples.flatMap(keysOf));
    expect(new Set(r.summary.slices.map((s) => s.key))).toEqual(keys);
    for (const s of r.summary.slices) {
      const members = r.examples.filter((e) => keysOf(e).includes(s.key));
      expect(s.n, s.key).toBe(members.length);
      for (const m of passFail) {
        const values = members.flatMap((e) => {
          const v = expectedMistakes(e.exampleId)[m];
          return v === null ? [] : [v];
        });
        const got = s.metrics[m];
        if (values.length === 0) {
          expect(got, `${s.key} ${m}`).toBeUndefined();
          continue;
        }
        const successes = values.filter((v) => v === 1).length;
        const wilson = okValue(wilsonInterval(successes, values.length));
        expect(got, `${s.key} ${m}`).toMatchObject({
          kind: "rate",
          n: values.length,
          failures: values.length - successes,
          value: successes / values.length,
        });
        expect(got?.interval?.low).toBeCloseTo(wilson.interval.low, 12);
        expect(got?.interval?.high).toBeCloseTo(wilson.interval.high, 12);
      }
    }
    // The `all` slice is the run's headline rates.
    const all = r.summary.slices[0];
    for (const rate of r.summary.rates)
      expect(all?.metrics[rate.metric]).toMatchObject({
        n: rate.n,
        value: rate.rate,
      });
  });

  it("failure shares: four of the five equivalence failures are email workflows", () => {
    const sharesOf = (metric: string) =>
      r.summary.failureShares.find((f) => f.metric === metric);
    const slice = (metric: string, key: string) =>
      sharesOf(metric)?.shares.find((s) => s.slice === key);
    expect(sharesOf("equivalent")).toMatchObject({ n: 13, failures: 5 });
    expect(slice("equivalent", "email=yes")).toEqual({
      slice: "email=yes",
      share: 4 / 5,
      failures: 4,
      n: 6,
    });
    expect(slice("equivalent", "email=no")?.share).toBe(1 / 5);
    // Compiles: the syntax error, the broken arguments, the endless loop and the dead request.
    expect(sharesOf("syntactic")?.failures).toBe(4);
    expect(slice("syntactic", "email=yes")?.share).toBe(3 / 4);
    expect(slice("withinTurnLimit", "loops=yes")).toMatchObject({
      failures: 1,
      share: 1 / 2,
    });
    expect(slice("declinedCorrectly", "requestKind=question")?.share).toBe(1);
    // Every share is the slice's failures over all failures, for every metric and slice.
    for (const f of r.summary.failureShares)
      for (const s of f.shares) {
        const failed = r.examples.filter(
          (e) =>
            keysOf(e).includes(s.slice) &&
            expectedMistakes(e.exampleId)[f.metric as PassFail] === 0,
        ).length;
        expect(s.failures, `${f.metric} ${s.slice}`).toBe(failed);
        expect(s.share).toBe(failed / f.failures);
      }
  });

  it("a slow model that needs retries gets the correct model's slices", async () => {
    const correct = await runModel({ kind: "correct" });
    const slow = await runModel(
      {
        kind: "by-example",
        otherwise: { kind: "correct" },
        byId: {
          [STAFF ?? ""]: { kind: "slow", delayMs: 1500 },
          [EXPRESS]: { kind: "slow", delayMs: 1500 },
        },
      },
      { timeoutMs: 400 },
    );
    const rates = (run: BenchmarkRun) =>
      run.summary.slices.map((s) => [
        s.key,
        s.n,
        passFail.map((m) => s.metrics[m] ?? null),
        s.metrics["turns"]?.value,
      ]);
    expect(rates(slow)).toEqual(rates(correct));
    expect(
      slow.examples.find((e) => e.exampleId === STAFF)?.turns[0]?.attempts,
    ).toBe(2);
  });
});

describe("comparing a good and a worse model by slice", () => {
  let good: BenchmarkRun;
  let worse: BenchmarkRun;
  beforeAll(async () => {
    good = await runModel({ kind: "correct" });
    worse = await runModel({
      kind: "mutate",
      mutate: syntaxError,
      only: new Set(EMAIL),
    });
  }, 60_000);

  /** The slices the worse model must regress on: enough examples, and p = 2 · ½^losses below 0.05. */
  function expectedRegressions(minN: number): string[] {
    const keys = [...new Set(good.examples.flatMap(keysOf))];
    return keys.filter((key) => {
      const members = good.examples.filter(
        (e) => keysOf(e).includes(key) && e.metrics.equivalent !== null,
      );
      const losses = members.filter((e) => EMAIL.includes(e.exampleId)).length;
      return members.length >= minN && losses > 0 && 2 * 0.5 ** losses < 0.05;
    });
  }

  it("paired differences per slice and the regressed slices are what breaking every email workflow makes them", () => {
    const cmp = okValue(compareRuns(good, worse, { minSliceN: 5 }));
    const slice = (key: string, metric = "equivalent") =>
      cmp.slices.find((s) => s.slice === key && s.metric === metric)
        ?.comparison;
    expect(slice("email=yes")).toMatchObject({
      n: 6,
      meanA: 1,
      meanB: 0,
      meanDifference: -1,
      losses: 6,
      wins: 0,
      mcnemar: { onlyA: 6, onlyB: 0, pValue: expect.closeTo(2 * 0.5 ** 6, 12) },
    });
    expect(slice("email=no")).toMatchObject({ n: 7, meanDifference: 0 });
    expect(slice("email=yes")?.bootstrap.high).toBe(-1);
    // Every slice's difference is minus the share of its examples that send email.
    for (const s of cmp.slices.filter((x) => x.metric === "equivalent")) {
      const members = good.examples.filter(
        (e) =>
          keysOf(e).includes(s.slice ?? "") && e.metrics.equivalent !== null,
      );
      const email = members.filter((e) => EMAIL.includes(e.exampleId)).length;
      expect(s.comparison.n, s.slice).toBe(members.length);
      expect(s.comparison.losses, s.slice).toBe(email);
      expect(s.comparison.meanDifference).toBeCloseTo(
        -email / members.length,
        12,
      );
    }
    expect(cmp.slices.some((s) => s.slice === "all")).toBe(false);

    const regressed = (c: RunComparison, metric: string) =>
      c.regressions
        .filter((x) => x.metric === metric)
        .map((x) => x.slice)
        .sort();
    const expected = expectedRegressions(5).sort();
    expect(expected).toContain("email=yes");
    expect(expected).not.toContain("email=no");
    expect(regressed(cmp, "equivalent")).toEqual(expected);
    expect(regressed(cmp, "syntactic")).toEqual(expected);
    expect(regressed(cmp, "declinedCorrectly")).toEqual([]);
    expect(
      cmp.regressions.find(
        (x) => x.slice === "email=yes" && x.metric === "equivalent",
      ),
    ).toMatchObject({
      nA: 6,
      nB: 6,
      before: 1,
      after: 0,
      drop: 1,
      test: "mcnemar",
      pairs: 6,
      pValue: expect.closeTo(2 * 0.5 ** 6, 12),
      impact: 6,
    });
    // Largest impact first within a metric.
    const impacts = cmp.regressions
      .filter((x) => x.metric === "equivalent")
      .map((x) => x.impact);
    expect(impacts).toEqual([...impacts].sort((a, b) => b - a));

    // Slices under the minimum size are not tested: email=yes (6) is below the default 10.
    const strict = okValue(compareRuns(good, worse));
    expect(strict.regressionTest).toEqual({ minSliceN: 10, alpha: 0.05 });
    expect(regressed(strict, "equivalent")).toEqual(
      expectedRegressions(10).sort(),
    );
    expect(regressed(strict, "equivalent")).not.toContain("email=yes");
    // A run against itself regresses nowhere; bad options are refused.
    expect(
      okValue(compareRuns(good, good, { minSliceN: 1 })).regressions,
    ).toEqual([]);
    expect(compareRuns(good, worse, { minSliceN: 0 }).ok).toBe(false);
    expect(compareRuns(good, worse, { alpha: 1 }).ok).toBe(false);
  });

  it("is deterministic: the same runs give the same comparison", () => {
    const once = okValue(compareRuns(good, worse, { minSliceN: 5 }));
    const again = okValue(compareRuns(good, worse, { minSliceN: 5 }));
    expect(JSON.stringify(again)).toBe(JSON.stringify(once));
  });
});

describe("flowpy eval compare and report with slices", () => {
  const cli = (...argv: string[]) => evalCli({}, argv);

  it("prints the slice table and the regressed slices, writes them, and the reports render in Chromium", async () => {
    const evalSet = join(dir, "eval.jsonl");
    writeFileSync(
      evalSet,
      `${fx.examples.map((e) => JSON.stringify(e)).join("\n")}\n`,
    );
    server.reset(
      scriptedModels(fx.scripted, {
        good: { kind: "correct" },
        worse: { kind: "mutate", mutate: syntaxError, only: new Set(EMAIL) },
        mistakes: mistakes(),
      }),
    );
    const run = (model: string) =>
      cli(
        "run",
        "--eval-set",
        evalSet,
        "--base-url",
        server.baseUrl,
        "--model",
        model,
        "--max-retries",
        "1",
        "--turn-limit",
        "8",
        "--out",
        join(dir, model),
      );
    expect((await run("good")).code).toBe(0);
    expect((await run("worse")).code).toBe(0);
    // One dead request: done, but exit 1.
    expect((await run("mistakes")).code).toBe(1);
    const summary = readFileSync(join(dir, "mistakes", "summary.md"), "utf8");
    expect(summary).toMatch(/^email=yes\s+6\s/m);
    expect(summary).toMatch(/^email=yes\s+4\s+80\.0%$/m);

    const cmpDir = join(dir, "cmp");
    const cmp = await cli(
      "compare",
      join(dir, "good"),
      join(dir, "worse"),
      "--min-slice-n",
      "5",
      "--out",
      cmpDir,
    );
    expect(cmp.code, cmp.err).toBe(0);
    expect(cmp.out).toMatch(
      /^email=yes\s+Equivalent to the reference\s+6\s+100\.0%\s+0\.0%\s+-100\.0%\s+\[-100\.0%, -100\.0%\]\s+0\/0\/6\s+regressed$/m,
    );
    expect(cmp.out).toMatch(
      /^email=no\s+Equivalent to the reference\s+7\s+100\.0%\s+100\.0%\s+0\.0%.*0\/7\/0$/m,
    );
    expect(cmp.out).toContain(
      "Regressed slices (slices with at least 5 examples in both runs, p < 0.05):",
    );
    expect(cmp.out).toMatch(
      /^email=yes\s+Equivalent to the reference\s+100\.0%\s+0\.0%\s+100\.0%\s+mcnemar\s+0\.0313\s+6\.0$/m,
    );
    const written = JSON.parse(
      readFileSync(join(cmpDir, "comparison.json"), "utf8"),
    ) as RunComparison;
    expect(
      written.regressions
        .filter((r) => r.metric === "equivalent")
        .map((r) => r.slice)
        .sort(),
    ).toEqual(expectedSlices(written));
    expect(
      (
        await cli(
          "compare",
          join(dir, "good"),
          join(dir, "worse"),
          "--min-slice-n",
          "0",
          "--out",
          cmpDir,
        )
      ).code,
    ).toBe(2);

    // A run file without slice tags (written before slices) is refused with the field named.
    const old = JSON.parse(
      readFileSync(join(dir, "good", "run.json"), "utf8"),
    ) as { examples: Record<string, unknown>[] };
    for (const e of old.examples) delete e["sliceTags"];
    const oldRun = join(dir, "old-run.json");
    writeFileSync(oldRun, JSON.stringify(old));
    const refused = await cli(
      "compare",
      oldRun,
      join(dir, "worse"),
      "--out",
      cmpDir,
    );
    expect(refused.code).toBe(2);
    expect(refused.err).toContain("examples.0.sliceTags");

    const runReport = join(dir, "mistakes.html");
    expect(
      (await cli("report", join(dir, "mistakes"), "--out", runReport)).code,
    ).toBe(0);
    // report with two runs writes the run-vs-run report compare writes, byte for byte.
    const pairReport = join(dir, "good-vs-worse.html");
    const pair = await cli(
      "report",
      join(dir, "good"),
      join(dir, "worse"),
      "--min-slice-n",
      "5",
      "--out",
      pairReport,
    );
    expect(pair.code, pair.err).toBe(0);
    expect(readFileSync(pairReport, "utf8")).toBe(
      readFileSync(join(cmpDir, "report.html"), "utf8"),
    );
    const lone = await cli(
      "report",
      join(dir, "good"),
      "--min-slice-n",
      "5",
      "--out",
      pairReport,
    );
    expect(lone.code).toBe(2);
    expect(lone.err).toContain("--min-slice-n goes with two runs");

    const executable = chromiumPath();
    if (executable === undefined) throw new Error(installHint);
    const browser = await launchChromium(executable);
    try {
      const count = async (sessionId: string, selector: string) =>
        (await evaluate(
          browser,
          sessionId,
          `document.querySelectorAll(${JSON.stringify(selector)}).length`,
        )) as number;
      const text = async (sessionId: string) =>
        (await evaluate(
          browser,
          sessionId,
          "document.body.innerText",
        )) as string;
      // The run report: slice bars per metric and where the failures are.
      const runUrl = pathToFileURL(runReport).href;
      const runPage = await openPage(browser, runUrl);
      expect(await count(runPage.sessionId, "section.kind-slice-bars")).toBe(4);
      expect(await count(runPage.sessionId, "section.kind-failure-share")).toBe(
        4,
      );
      // The equivalence failure table lists email=yes with 4 failures, 80% of them.
      const shareRows = (await evaluate(
        browser,
        runPage.sessionId,
        `[...document.querySelectorAll("section.kind-failure-share tr")].map((tr) => [...tr.cells].map((c) => c.textContent.trim()).join("|"))`,
      )) as string[];
      expect(shareRows).toContain("email=yes|4|80.0%");
      const runSeen = runPage.settle();
      expect(runSeen.problems).toEqual([]);
      expect(runSeen.exceptions).toEqual([]);
      expect(runSeen.requests).toEqual([runUrl]);
      // The comparison report: regressed rows marked, deltas by slice, the regression table.
      const cmpUrl = pathToFileURL(join(cmpDir, "report.html")).href;
      const cmpPage = await openPage(browser, cmpUrl);
      const regressedRows = await count(cmpPage.sessionId, "g.row.regressed");
      expect(regressedRows).toBe(
        written.regressions.filter((r) =>
          ["syntactic", "equivalent"].includes(r.metric),
        ).length,
      );
      expect(
        await count(cmpPage.sessionId, "section.kind-deltas"),
      ).toBeGreaterThanOrEqual(3);
      const cmpText = await text(cmpPage.sessionId);
      expect(cmpText).toContain("Regressed slices");
      expect(cmpText).toMatch(/slices regressed/);
      const sizes = (await evaluate(
        browser,
        cmpPage.sessionId,
        `[...document.querySelectorAll("svg.chart")].map((s) => s.getBoundingClientRect().height)`,
      )) as number[];
      expect(sizes.length).toBeGreaterThan(5);
      expect(sizes.every((h) => h > 0)).toBe(true);
      const cmpSeen = cmpPage.settle();
      expect(cmpSeen.problems).toEqual([]);
      expect(cmpSeen.exceptions).toEqual([]);
      expect(cmpSeen.requests).toEqual([cmpUrl]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});

/** The slices whose every equivalence-bearing example broke, six or more of them, n ≥ 5: as the script makes them. */
function expectedSlices(cmp: RunComparison): string[] {
  return cmp.slices
    .filter(
      (s) =>
        s.metric === "equivalent" &&
        s.comparison.n >= 5 &&
        s.comparison.losses >= 6 &&
        s.comparison.wins === 0,
    )
    .map((s) => s.slice ?? "")
    .concat(
      // `all` is compared in `metrics`, not in `slices`.
      cmp.metrics.some(
        (m) => m.metric === "equivalent" && m.comparison.losses >= 6,
      )
        ? ["all"]
        : [],
    )
    .sort();
}
