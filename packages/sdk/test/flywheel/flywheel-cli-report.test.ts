import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEvalCommand } from "../../src/cli/eval-command.js";
import { runFlywheelCli } from "../../src/cli/flywheel-cli.js";
import {
  checkReport,
  judgePromptTemplate,
  type FlywheelDecision,
} from "../../src/index.js";
import { flywheelWeekReport } from "../../src/flywheel/week-report.js";
import type { FlywheelWeek } from "../../src/flywheel/run-flywheel-week.js";
import {
  startOpenAiTestServer,
  type OpenAiTestServer,
} from "../support/openai-test-server.js";
import {
  chromiumPath,
  evaluate,
  installHint,
  launchChromium,
  openPage,
} from "../report/headless-chromium.js";
import { calibrationData } from "./support/calibration.js";
import { generateWeek, judgeScript } from "./support/generated-week.js";

let server: OpenAiTestServer;
let dir: string;
const week = generateWeek(7, { count: 30 });

function cli(
  argv: readonly string[],
  env: Record<string, string> = { FLOWPY_REDACT_SALT: "cli-salt" },
) {
  let out = "";
  let err = "";
  return runFlywheelCli(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    env,
  }).then((status) => ({ status, out, err }));
}

beforeAll(async () => {
  server = await startOpenAiTestServer(judgeScript);
  dir = mkdtempSync(join(tmpdir(), "flywheel-cli-"));
  writeFileSync(join(dir, "week.jsonl"), week.jsonl);
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** `flowpy flywheel run` against the scripted judge; `gating` picks the facets or calibration. */
const judgedRunArgs = (
  week: string,
  conversations: string,
  store: string,
  out: string,
  gating: readonly string[],
) => [
  "run",
  "--week",
  week,
  "--conversations",
  conversations,
  "--store",
  store,
  "--judge-base-url",
  server.baseUrl,
  "--judge-model",
  "judge-cli",
  "--judge-max-retries",
  "0",
  ...gating,
  "--out",
  out,
];

const runArgs = (out: string) =>
  judgedRunArgs(
    "2026-W47",
    join(dir, "week.jsonl"),
    join(dir, "store.duckdb"),
    out,
    ["--gate", "intent", "--gate", "components", "--gate", "configuration"],
  );

describe("flowpy flywheel", () => {
  it("runs a week, is a no-op the second time, reports it and rolls it back", async () => {
    const first = await cli(runArgs(join(dir, "out1")));
    expect(first.err).toBe("");
    expect(first.status).toBe(0);
    expect(first.out).toContain("2026-W47: built, flywheel v1");
    expect(first.out).toContain("gap: email=yes");
    const summary = JSON.parse(
      readFileSync(join(dir, "out1", "week.json"), "utf8"),
    ) as FlywheelWeek;
    const train = readFileSync(join(dir, "out1", "train.jsonl"), "utf8");
    expect(train.trimEnd().split("\n")).toHaveLength(summary.rowsAdded);
    for (const p of week.pii) expect(train).not.toContain(p);
    const decisions = readFileSync(join(dir, "out1", "decisions.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as FlywheelDecision);
    expect(decisions.map((d) => d.line)).toEqual(week.cases.map((c) => c.line));
    for (const c of week.cases)
      expect(decisions.find((d) => d.line === c.line)?.reason).toBe(c.expected);

    const again = await cli(runArgs(join(dir, "out2")));
    expect(again.status).toBe(0);
    expect(again.out).toContain("2026-W47: unchanged, flywheel v1");
    for (const f of [
      "train.jsonl",
      "lineage.jsonl",
      "decisions.jsonl",
      "week.json",
      "report.html",
    ])
      expect(readFileSync(join(dir, "out2", f))).toEqual(
        readFileSync(join(dir, "out1", f)),
      );

    const report = await cli([
      "report",
      "--week",
      "2026-W47",
      "--store",
      join(dir, "store.duckdb"),
      "--out",
      join(dir, "r", "report.html"),
    ]);
    expect(report.status).toBe(0);
    expect(readFileSync(join(dir, "r", "report.html"))).toEqual(
      readFileSync(join(dir, "out1", "report.html")),
    );

    const back = await cli([
      "rollback",
      "--week",
      "2026-W47",
      "--store",
      join(dir, "store.duckdb"),
    ]);
    expect(back.status).toBe(0);
    expect(back.out).toContain(
      "removed 2026-W47 (version 1); version 0 is the latest",
    );
    const gone = await cli([
      "rollback",
      "--week",
      "2026-W47",
      "--store",
      join(dir, "store.duckdb"),
    ]);
    expect(gone.status).toBe(1);
    expect(gone.err).toContain("flywheel-week-not-run");
  });

  it("refuses to run without a salt, without gating facets, or with an unknown option", async () => {
    const noSalt = await cli(runArgs(join(dir, "x")), {});
    expect(noSalt.status).toBe(2);
    expect(noSalt.err).toContain("FLOWPY_REDACT_SALT");
    const noGate = await cli(
      runArgs(join(dir, "x")).filter(
        (a) =>
          a !== "--gate" &&
          !["intent", "components", "configuration"].includes(a),
      ),
    );
    expect(noGate.status).toBe(2);
    expect(noGate.err).toContain("gating facets");
    const unknown = await cli(["rollback", "--weak", "2026-W47"]);
    expect(unknown.status).toBe(2);
    expect((await cli([])).status).toBe(2);
  });

  it("gates with the calibration.json flowpy eval calibrate writes, and rolls back an earlier week only with --cascade", async () => {
    const sha = judgePromptTemplate("judge-facets/v1")?.sha256 ?? "";
    const { annotations, scores } = calibrationData("judge-cli", sha, [
      "components",
      "configuration",
    ]);
    const lines = (xs: readonly object[]) =>
      xs.map((x) => `${JSON.stringify(x)}\n`).join("");
    writeFileSync(join(dir, "annotations.jsonl"), lines(annotations));
    writeFileSync(join(dir, "scores.jsonl"), lines(scores));
    let calibrateOut = "";
    const calibrated = await runEvalCommand(
      [
        "calibrate",
        "--annotations",
        join(dir, "annotations.jsonl"),
        "--scores",
        join(dir, "scores.jsonl"),
        "--out",
        join(dir, "calibration"),
      ],
      {
        out: (t) => (calibrateOut += t),
        err: () => undefined,
        env: {},
      },
    );
    // 1: some facet may not gate, which is the point here.
    expect(calibrated, calibrateOut).toBe(1);
    const store = join(dir, "cal.duckdb");
    const withCalibration = (w: string, file: string, out: string) =>
      judgedRunArgs(w, file, store, out, [
        "--calibration",
        join(dir, "calibration", "calibration.json"),
      ]);
    const run = await cli(
      withCalibration("2026-W47", join(dir, "week.jsonl"), join(dir, "cal1")),
    );
    expect(run.err).toBe("");
    expect(run.status).toBe(0);
    expect(run.out).toMatch(/not gating: components \(calibration flags it: /);
    expect(run.out).toMatch(
      /not gating: configuration \(calibration flags it: /,
    );
    const summary = JSON.parse(
      readFileSync(join(dir, "cal1", "week.json"), "utf8"),
    ) as FlywheelWeek;
    expect(summary.gating.facets).toEqual(["flow_fit", "intent", "next_steps"]);
    const html = readFileSync(join(dir, "cal1", "report.html"), "utf8");
    expect(html).toContain("Which judge facets gate routing");
    expect(html).toContain("calibration flags it");

    // Another judge's calibration is refused.
    const other = await cli([
      ...withCalibration("2026-W48", join(dir, "week.jsonl"), join(dir, "x")),
      "--judge-model",
      "judge-other",
    ]);
    expect(other.status).toBe(1);
    expect(other.err).toContain("flywheel-calibration-mismatch");

    writeFileSync(
      join(dir, "w48.jsonl"),
      generateWeek(8, { count: 12, firstDay: 23 }).jsonl,
    );
    const later = await cli(
      withCalibration("2026-W48", join(dir, "w48.jsonl"), join(dir, "cal2")),
    );
    expect(later.status).toBe(0);
    const refused = await cli([
      "rollback",
      "--week",
      "2026-W47",
      "--store",
      store,
    ]);
    expect(refused.status).toBe(1);
    expect(refused.err).toContain("flywheel-rollback-later-weeks");
    expect(refused.err).toContain("2026-W48 (version 2)");
    const cascade = await cli([
      "rollback",
      "--week",
      "2026-W47",
      "--store",
      store,
      "--cascade",
    ]);
    expect(cascade.status).toBe(0);
    expect(cascade.out).toContain(
      "removed 2026-W47 (version 1), 2026-W48 (version 2); version 0 is the latest",
    );
  });

  it("draws the week's report in headless Chromium with no console error, exception or request", async () => {
    const summary = JSON.parse(
      readFileSync(join(dir, "out1", "week.json"), "utf8"),
    ) as FlywheelWeek;
    expect(checkReport(flywheelWeekReport(summary))).toEqual([]);
    const executable = chromiumPath();
    if (executable === undefined) throw new Error(installHint);
    const browser = await launchChromium(executable);
    try {
      const url = pathToFileURL(join(dir, "out1", "report.html")).href;
      const page = await openPage(browser, url);
      const text = (await evaluate(
        browser,
        page.sessionId,
        "document.body.innerText",
      )) as string;
      const charts = (await evaluate(
        browser,
        page.sessionId,
        'document.querySelectorAll("svg.chart").length',
      )) as number;
      const seen = page.settle();
      expect(seen.problems).toEqual([]);
      expect(seen.exceptions).toEqual([]);
      expect(seen.requests).toEqual([url]);
      expect(charts).toBeGreaterThanOrEqual(2);
      expect(text).toContain("email=yes");
      expect(text).toContain("activated-judge-pass");
    } finally {
      await browser.close();
    }
  }, 60_000);
});
