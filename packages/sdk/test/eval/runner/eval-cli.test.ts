import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBenchmarkRun, sdkCodes } from "../../../src/index.js";
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
  type Browser,
} from "../../report/headless-chromium.js";
import {
  buildFixtures,
  evalCli,
  type CliRun,
  type Fixtures,
} from "./fixtures.js";
import { scriptedModels } from "./scripted-models.js";
import { askedFacets, facetReply } from "../judge/scripted-judges.js";

let fx: Fixtures;
let server: OpenAiTestServer;
let dir: string;
let evalSet: string;

const cli = (...argv: string[]): Promise<CliRun> =>
  evalCli({ SCRIPTED_KEY: "sk-test-key" }, argv);

beforeAll(async () => {
  fx = await buildFixtures();
  dir = mkdtempSync(join(tmpdir(), "flowpy-eval-cli-"));
  evalSet = join(dir, "eval.jsonl");
  writeFileSync(
    evalSet,
    `${fx.examples.map((e) => JSON.stringify(e)).join("\n")}\n`,
  );
  server = await startOpenAiTestServer(
    scriptedModels(fx.scripted, {
      correct: { kind: "correct" },
      faulty: {
        kind: "mutate",
        only: new Set([fx.examples[0]?.id ?? ""]),
        mutate: (python) => python.replace("500.00", "5000.00"),
      },
    }),
  );
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const runArgs = (model: string, out: string): string[] => [
  "run",
  "--eval-set",
  evalSet,
  "--base-url",
  server.baseUrl,
  "--model",
  model,
  "--api-key-env",
  "SCRIPTED_KEY",
  "--concurrency",
  "2",
  "--out",
  out,
];

describe("flowpy eval", () => {
  it("run, run again (resumed), compare and report write what they say", async () => {
    const outA = join(dir, "a");
    const a = await cli(...runArgs("correct", outA));
    expect(a.code, a.err).toBe(0);
    expect(a.err).toContain(`[${fx.examples.length}/${fx.examples.length}]`);
    expect(a.out).toMatch(/Equivalent to the reference\s+100\.0%/);
    expect(server.requests[0]?.headers.authorization).toBe(
      "Bearer sk-test-key",
    );
    const runA = readBenchmarkRun(readFileSync(join(outA, "run.json"), "utf8"));
    if (!runA.ok) throw new Error(runA.diagnostics[0]?.message);
    expect(runA.value.examples).toHaveLength(fx.examples.length);
    expect(readFileSync(join(outA, "run.json"), "utf8")).not.toContain(
      "sk-test-key",
    );

    server.reset();
    const again = await cli(...runArgs("correct", outA));
    expect(again.code).toBe(0);
    expect(again.out).toContain(`${fx.examples.length} examples resumed`);
    expect(server.requests).toHaveLength(0);

    const outB = join(dir, "b");
    expect((await cli(...runArgs("faulty", outB))).code).toBe(0);
    const cmpDir = join(dir, "cmp");
    const cmp = await cli(
      "compare",
      outA,
      join(outB, "run.json"),
      "--out",
      cmpDir,
    );
    expect(cmp.code, cmp.err).toBe(0);
    expect(cmp.out).toMatch(/Equivalent to the reference\s+B−A\s+-0\.250/);
    const comparison = JSON.parse(
      readFileSync(join(cmpDir, "comparison.json"), "utf8"),
    ) as { metrics: { metric: string; comparison: { losses: number } }[] };
    expect(
      comparison.metrics.find((m) => m.metric === "equivalent")?.comparison
        .losses,
    ).toBe(1);
    const reportFile = join(dir, "report-a.html");
    expect((await cli("report", outA, "--out", reportFile)).code).toBe(0);
    expect(readFileSync(reportFile, "utf8")).toContain("<!DOCTYPE html>");
    expect(existsSync(join(cmpDir, "report.html"))).toBe(true);
  });

  it("a dead endpoint is a clear error with the URL and the code", async () => {
    const dead = await startOpenAiTestServer(() => ({ kind: "drop" }));
    const url = dead.baseUrl;
    await dead.close();
    const r = await cli(
      "run",
      "--eval-set",
      evalSet,
      "--base-url",
      url,
      "--model",
      "m",
      "--timeout-ms",
      "2000",
      "--max-retries",
      "0",
      "--out",
      join(dir, "dead"),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(sdkCodes.evalRunEndpointFailed);
    expect(r.err).toContain(sdkCodes.llmConnectionFailed);
    expect(r.err).toContain(url);
  });

  it("bad eval-set lines are named and skipped; usage errors exit 2", async () => {
    const bad = join(dir, "bad.jsonl");
    writeFileSync(
      bad,
      `${JSON.stringify(fx.examples[4])}\n{"id": "x"\n{"id":"y","kind":"create","messages":["hi"]}\n`,
    );
    server.reset(scriptedModels(fx.scripted, { correct: { kind: "correct" } }));
    const r = await cli(
      "run",
      "--eval-set",
      bad,
      "--base-url",
      server.baseUrl,
      "--model",
      "correct",
      "--out",
      join(dir, "bad"),
    );
    expect(r.code).toBe(0);
    expect(r.err).toContain(`${bad}:2: not JSON`);
    expect(r.err).toContain(`${bad}:3: reference`);
    expect((await cli("run", "--model", "m")).code).toBe(2);
    expect(
      (await cli("compare", join(dir, "nothing"), join(dir, "a"), "--out", dir))
        .err,
    ).toContain("cannot read");
    const missingKey = await cli(
      ...runArgs("correct", join(dir, "k")).map((a) =>
        a === "SCRIPTED_KEY" ? "NO_SUCH_KEY" : a,
      ),
    );
    expect(missingKey.code).toBe(2);
    expect(missingKey.err).toContain("NO_SUCH_KEY");
  });
});

describe("flowpy eval with the LLM judge", () => {
  it("run --judge-* scores every example with the faceted judge; eval judge/calibrate dispatch", async () => {
    const agent = scriptedModels(fx.scripted, { correct: { kind: "correct" } });
    // One loopback server plays both models: the judge passes every facet it is asked.
    server.reset((body, n) =>
      body.model === "judge"
        ? facetReply(
            Object.fromEntries(askedFacets(body).map((f) => [f, "pass"])),
            askedFacets(body),
          )
        : agent(body, n),
    );
    const out = join(dir, "judged");
    const r = await cli(
      ...runArgs("correct", out),
      "--judge-base-url",
      server.baseUrl,
      "--judge-model",
      "judge",
    );
    expect(r.code, r.err).toBe(0);
    const judgeCalls = server.requests.filter((q) => q.body?.model === "judge");
    expect(judgeCalls).toHaveLength(fx.examples.length);
    const run = readBenchmarkRun(readFileSync(join(out, "run.json"), "utf8"));
    if (!run.ok) throw new Error(run.diagnostics[0]?.message);
    expect(run.value.judge).toMatch(/^judge:judge@/);
    for (const e of run.value.examples)
      expect(e.judge?.facets.every((v) => v.verdict === "pass")).toBe(true);

    const half = await cli(
      ...runArgs("correct", out),
      "--judge-model",
      "judge",
    );
    expect(half.code).toBe(2);
    expect(half.err).toContain(
      "--judge-base-url and --judge-model go together",
    );
    // The judge part's subcommands answer through the same entry (here: a usage error).
    const calibrate = await cli("calibrate");
    expect(calibrate.code).toBe(2);
    expect(calibrate.err).toContain("flowpy eval calibrate: calibrate need");
  });
});

describe("benchmark reports in headless Chromium", () => {
  let browser: Browser | undefined;
  beforeAll(async () => {
    const executable = chromiumPath();
    if (executable === undefined) throw new Error(installHint);
    browser = await launchChromium(executable);
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  }, 30_000);

  it("the run and comparison reports render with no console error, exception or request", async () => {
    for (const file of [
      join(dir, "report-a.html"),
      join(dir, "cmp", "report.html"),
    ]) {
      if (browser === undefined) throw new Error(installHint);
      const url = pathToFileURL(file).href;
      const page = await openPage(browser, url);
      const charts = (await evaluate(
        browser,
        page.sessionId,
        `document.querySelectorAll("svg.chart").length`,
      )) as number;
      const seen = page.settle();
      expect(seen.problems, file).toEqual([]);
      expect(seen.exceptions, file).toEqual([]);
      expect(seen.requests, file).toEqual([url]);
      expect(charts).toBeGreaterThan(0);
    }
  });
});
