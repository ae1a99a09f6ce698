import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFlywheelCli } from "../../src/cli/flywheel-cli.js";
import { checkReport } from "../../src/index.js";
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

const runArgs = (out: string) => [
  "run",
  "--week",
  "2026-W47",
  "--conversations",
  join(dir, "week.jsonl"),
  "--store",
  join(dir, "store.duckdb"),
  "--judge-base-url",
  server.baseUrl,
  "--judge-model",
  "judge-cli",
  "--gate",
  "intent",
  "--gate",
  "components",
  "--gate",
  "configuration",
  "--out",
  out,
];

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

    const again = await cli(runArgs(join(dir, "out2")));
    expect(again.status).toBe(0);
    expect(again.out).toContain("2026-W47: unchanged, flywheel v1");
    for (const f of ["train.jsonl", "lineage.jsonl", "report.html"])
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
    expect(back.out).toContain("removed version 1; version 0 is the latest");
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
