import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEvalCommand } from "../../../src/cli/eval-command.js";
import {
  checkReport,
  judgeFacetIds,
  readJudgeScoresJsonl,
  sdkCodes,
} from "../../../src/index.js";
import { calibrationReport } from "../../../src/eval/judge/calibration-report.js";
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
import { judgedExamples, noisyJudge, truthsOf } from "./scripted-judges.js";

const examples = judgedExamples(40, 5);
let server: OpenAiTestServer;
let dir = "";
beforeAll(async () => {
  server = await startOpenAiTestServer(noisyJudge(truthsOf(examples), 0));
  dir = mkdtempSync(join(tmpdir(), "flowpy-judge-cli-"));
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const code = await runEvalCommand(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    env: { JUDGE_KEY: "sk-judge-secret" },
  });
  expect(err).not.toMatch(/\n\s+at /);
  return { code, out, err };
}

function conversationsFile(): string {
  const file = join(dir, "conversations.jsonl");
  writeFileSync(
    file,
    examples
      .map(({ input }) =>
        JSON.stringify({
          example_id: input.exampleId,
          conversation: input.conversation,
          ...(input.finalWorkflow === undefined
            ? {}
            : { final_workflow: input.finalWorkflow }),
          reference: {
            ...(input.reference?.workflow === undefined
              ? {}
              : { workflow: input.reference.workflow }),
            ...(input.reference?.shouldDecline === undefined
              ? {}
              : { should_decline: input.reference.shouldDecline }),
          },
        }),
      )
      .join("\n"),
  );
  return file;
}

describe("flowpy eval judge / calibrate", () => {
  it("judges a conversations file into score records that calibrate, with a JSON and an HTML report", async () => {
    const scores = join(dir, "scores.jsonl");
    const judged = await cli(
      "judge",
      "--conversations",
      conversationsFile(),
      "--base-url",
      server.baseUrl,
      "--model",
      "judge-large",
      "--api-key-env",
      "JUDGE_KEY",
      "--out",
      scores,
    );
    expect(judged.code, judged.err).toBe(0);
    expect(judged.err).toContain("40 of 40 examples judged");
    for (const r of server.requests)
      expect(r.headers.authorization).toBe("Bearer sk-judge-secret");
    const records = readJudgeScoresJsonl(readFileSync(scores, "utf8"));
    if (!records.ok) throw new Error(JSON.stringify(records.diagnostics));
    const na = examples.flatMap((e) =>
      judgeFacetIds.filter((f) => e.truth[f] === "n/a"),
    ).length;
    expect(records.value).toHaveLength(examples.length * 5 - na);
    for (const r of records.value) expect(r.judge_model).toBe("judge-large");

    const annotations = join(dir, "annotations.jsonl");
    writeFileSync(
      annotations,
      examples
        .flatMap(({ input, truth }) =>
          judgeFacetIds
            .filter((f) => truth[f] !== "n/a")
            .map((facet) =>
              JSON.stringify({
                example_id: input.exampleId,
                facet,
                scale: "binary",
                label: truth[facet] === "pass" ? 1 : 0,
              }),
            ),
        )
        .join("\n"),
    );
    const out = join(dir, "calibration");
    const calibrated = await cli(
      "calibrate",
      "--annotations",
      annotations,
      "--scores",
      scores,
      "--min-kappa",
      "0.5",
      "--min-examples",
      "10",
      "--out",
      out,
    );
    expect(calibrated.code, calibrated.err + calibrated.out).toBe(0);
    const report = JSON.parse(
      readFileSync(join(out, "calibration.json"), "utf8"),
    ) as {
      calibration: {
        gatingFacets: string[];
        facets: { agreement: { kappa: { kappa: number } } }[];
      };
    };
    expect(report.calibration.gatingFacets).toEqual(judgeFacetIds);
    for (const f of report.calibration.facets)
      expect(f.agreement.kappa.kappa).toBe(1);
    const html = readFileSync(join(out, "calibration.html"), "utf8");
    expect(html).toContain("judge-large");

    // The page a reader opens: no console errors, no exceptions, nothing fetched.
    const executable = chromiumPath();
    if (executable === undefined) throw new Error(installHint);
    const browser = await launchChromium(executable);
    try {
      const url = pathToFileURL(join(out, "calibration.html")).href;
      const page = await openPage(browser, url);
      await evaluate(browser, page.sessionId, "1");
      const seen = page.settle();
      expect(seen.problems).toEqual([]);
      expect(seen.exceptions).toEqual([]);
      expect(seen.requests).toEqual([url]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  it("flags a facet below --min-kappa with exit status 1, and the report model is clean", async () => {
    const scores = join(dir, "flipped.jsonl");
    const annotations = join(dir, "flipped-annotations.jsonl");
    const lines: string[] = [];
    const labels: string[] = [];
    for (let i = 0; i < 40; i++) {
      const label = i % 2;
      const base = {
        example_id: `x${i}`,
        judge_model: "m",
        prompt_sha256: "ab".repeat(32),
      };
      labels.push(
        JSON.stringify({
          example_id: `x${i}`,
          facet: "intent",
          scale: "binary",
          label,
        }),
      );
      labels.push(
        JSON.stringify({
          example_id: `x${i}`,
          facet: "components",
          scale: "binary",
          label,
        }),
      );
      lines.push(JSON.stringify({ ...base, facet: "intent", verdict: label }));
      // Components: the judge is right on 3 of 4 examples only.
      lines.push(
        JSON.stringify({
          ...base,
          facet: "components",
          verdict: i % 4 === 0 ? 1 - label : label,
        }),
      );
    }
    writeFileSync(scores, lines.join("\n"));
    writeFileSync(annotations, labels.join("\n"));
    const r = await cli(
      "calibrate",
      "--annotations",
      annotations,
      "--scores",
      scores,
      "--min-kappa",
      "0.7",
      "--out",
      join(dir, "flipped-out"),
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^intent: gates/m);
    expect(r.out).toMatch(/^components: does not gate/m);
    const json = JSON.parse(
      readFileSync(join(dir, "flipped-out", "calibration.json"), "utf8"),
    ) as { calibration: Parameters<typeof calibrationReport>[0] };
    expect(checkReport(calibrationReport(json.calibration))).toEqual([]);
  });

  it("reports usage, unreadable input and a dead endpoint with status 2 and no stack trace", async () => {
    expect((await cli("judge", "--model", "m")).code).toBe(2);
    expect((await cli("calibrate", "--bogus", "x")).code).toBe(2);
    expect((await cli("nope")).code).toBe(2);
    const bad = join(dir, "bad.jsonl");
    writeFileSync(bad, '{"example_id": "a"}\nnot json\n');
    const unreadable = await cli(
      "judge",
      "--conversations",
      bad,
      "--base-url",
      server.baseUrl,
      "--model",
      "m",
      "--out",
      join(dir, "never.jsonl"),
    );
    expect(unreadable.code).toBe(2);
    expect(unreadable.err).toContain(sdkCodes.judgeInvalidLine);
    expect(unreadable.err).toContain("line 2");

    const dead = await startOpenAiTestServer(() => ({ kind: "drop" }));
    const url = dead.baseUrl;
    await dead.close();
    const r = await cli(
      "judge",
      "--conversations",
      conversationsFile(),
      "--base-url",
      url,
      "--model",
      "m",
      "--max-retries",
      "0",
      "--out",
      join(dir, "dead.jsonl"),
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain(sdkCodes.judgeRequestFailed);
    expect(r.err).toContain("does not answer; no other example was sent");
  }, 60_000);
});
