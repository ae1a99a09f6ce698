import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatasetStore, runDatasetCli } from "../../src/index.js";
import { outputFiles, tempFiles } from "../pipeline/output-files.js";
import { writeRecordSet } from "../pipeline/support/record-set.js";

const root = mkdtempSync(join(tmpdir(), "flowpy-dataset-cli-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const sdkDir = join(import.meta.dirname, "../..");

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  // A clock that moves 1 ms per reading: plain progress lines are then throttled.
  let clock = 1;
  const code = await runDatasetCli(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    tty: false,
    now: () => clock++,
  });
  expect(err).not.toMatch(/\n\s+at /);
  return { code, out, err };
}

interface ChildRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
  readonly ms: number;
}

/**
 * The CLI as its own process (run from the sources), printing a line per progress event;
 * SIGKILLed right after its `killAfterLines`-th progress line when given.
 */
function spawnCli(
  args: readonly string[],
  killAfterLines?: number,
): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      "--conditions=@flowpy/source",
      "--import",
      "tsx",
      "src/cli/dataset-main.ts",
      ...args,
      "--progress",
      "lines",
    ],
    { cwd: sdkDir, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => {
    err += d.toString();
    if (
      killAfterLines !== undefined &&
      err.split("\n").length - 1 >= killAfterLines
    )
      child.kill("SIGKILL");
  });
  // Hang guard: no run of this size takes minutes.
  const guard = setTimeout(() => child.kill("SIGKILL"), 170_000);
  return new Promise((resolve) => {
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      resolve({ code, signal, out, err, ms: performance.now() - started });
    });
  });
}

/** mulberry32, so the kill points are the same on every run of the test. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("flowpy dataset build", { timeout: 300_000 }, () => {
  const input = writeRecordSet(root, {
    good: 24,
    badAt: [5, 20],
    unbuildable: [8],
    duplicates: 3,
  });
  const args = (out: string) => [
    "build",
    "--input",
    input,
    "--out",
    out,
    "--styles",
    "terse",
    "--batch-size",
    "3",
    "--seed",
    "11",
    // The real sampler (with rules) and the redactor (with a salt) run under the kills too.
    "--now",
    "2026-10-02T00:00:00Z",
    "--ran-within-days",
    "30",
    "--max-per-merchant",
    "3",
    "--salt",
    "kill-test",
  ];

  it("killed with SIGKILL at random points and restarted, finishes with byte-identical files", async () => {
    const reference = join(root, "reference");
    const whole = await spawnCli(args(reference));
    expect(whole.code, whole.err).toBe(0);
    const expected = outputFiles(reference);
    expect([...expected.keys()]).toContain("train.parquet");
    const sampling = (
      JSON.parse(expected.get("report.json")?.toString("utf8") ?? "{}") as {
        sampling: { input: number; removed: { rule: string; count: number }[] };
      }
    ).sampling;
    expect(sampling.input).toBe(24);
    expect(
      sampling.removed.find((r) => r.rule === "max-per-merchant")?.count,
    ).toBeGreaterThan(0);

    const killed = join(root, "killed");
    const random = seeded(Number(process.env["FLOWPY_SEED"] ?? 5));
    // Each kill lands after a seeded number of progress lines: a run only reports stages it
    // still has to do, so every kill cuts into work not yet committed, and four kills of at
    // most a fifth of the events each cannot finish the run.
    const events = whole.err.split("\n").length - 1;
    expect(events).toBeGreaterThan(20);
    let kills = 0;
    for (let attempt = 0; attempt < 12; attempt++) {
      const after =
        kills < 4 ? 1 + Math.floor(random() * (events / 5)) : undefined;
      const run = await spawnCli(args(killed), after);
      if (run.signal === "SIGKILL") {
        kills++;
        continue;
      }
      expect(run.code, run.err).toBe(0);
      break;
    }
    expect(kills).toBe(4);
    expect(outputFiles(killed)).toEqual(expected);
    expect(tempFiles(killed)).toEqual([]);
    const store = await openDatasetStore(join(killed, ".flowpy-store.duckdb"));
    if (!store.ok) throw new Error("store");
    try {
      const [c] = await store.value.all(
        `SELECT count(*) AS n, count(DISTINCT row_id) AS d,
                (SELECT count(*) FROM lineage) AS l,
                (SELECT count(*) FROM records) AS r,
                (SELECT count(DISTINCT record_no) FROM records) AS rd FROM rows`,
      );
      const rows = [...expected.keys()]
        .filter((f) => f.endsWith(".jsonl") && f !== "quarantine.jsonl")
        .reduce(
          (n, f) =>
            n + (expected.get(f)?.toString("utf8").split("\n").length ?? 1) - 1,
          0,
        );
      expect(Number(c?.["n"])).toBe(rows);
      expect(Number(c?.["d"])).toBe(rows);
      expect(Number(c?.["l"])).toBe(rows);
      expect(Number(c?.["r"])).toBe(24);
      expect(Number(c?.["rd"])).toBe(24);
    } finally {
      store.value.close();
    }
    // Done: running the same command again does nothing and changes nothing.
    const again = await spawnCli(args(killed));
    expect(again.code).toBe(0);
    expect(again.out).toContain("nothing to do");
    expect(outputFiles(killed)).toEqual(expected);
  });

  it("lists quarantined records as file:line: error[code] and prints a summary table", async () => {
    const out = join(root, "inproc");
    const r = await cli(
      "build",
      "--input",
      input,
      "--out",
      out,
      "--styles",
      "terse",
    );
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      new RegExp(
        `^${input.replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&")}:5: error\\[record-json-syntax\\] .*5:\\d+: expected `,
        "m",
      ),
    );
    expect(r.err).toContain(
      `${input}:20: error[record-missing-field] $.workflow_id:`,
    );
    expect(r.out).toMatch(/^quarantined\s+2$/m);
    expect(r.out).toMatch(/^rows train\/eval\/test\s+\d+\/\d+\/\d+$/m);
    // Progress without a terminal: no line for a stage's opening 0, and each stage that
    // did work ends on its final count (here within 5 s, so the first and the last line).
    const progress = r.err
      .split("\n")
      .map((l) => /^(\w+): (\d+)(?:\/(\d+))? \(/.exec(l))
      .filter((m) => m !== null);
    expect(progress.filter((m) => m[2] === "0")).toEqual([]);
    const last = new Map(progress.map((m) => [m[1], m]));
    expect([...last.keys()]).toEqual([
      "ingest",
      "sample",
      "items",
      "requests",
      "rows",
      "export",
    ]);
    for (const stage of ["sample", "items", "requests", "rows", "export"]) {
      const m = last.get(stage);
      expect(m?.[2], stage).toBe(m?.[3]);
    }
    expect(last.get("ingest")?.[2]).toBe(
      /^records read\s+(\d+)$/m.exec(r.out)?.[1],
    );
    for (const stage of last.keys())
      expect(
        progress.filter((m) => m[1] === stage).length,
        stage,
      ).toBeLessThanOrEqual(2);
    const json = await cli(
      "build",
      "--input",
      input,
      "--out",
      out,
      "--styles",
      "terse",
      "--json",
    );
    expect(json.err).toBe("");
    const summary = JSON.parse(json.out) as {
      noOp: boolean;
      quarantined: number;
    };
    expect(summary).toMatchObject({ noOp: true, quarantined: 2 });
    expect(
      readFileSync(join(out, "quarantine.jsonl"), "utf8").split("\n"),
    ).toHaveLength(3);
  });

  it("usage errors and unreadable input exit 2 with a clear message", async () => {
    const missing = await cli("build", "--out", join(root, "x"));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("missing --input");
    const style = await cli(
      "build",
      "--input",
      input,
      "--out",
      join(root, "x"),
      "--styles",
      "shouty",
    );
    expect(style.code).toBe(2);
    expect(style.err).toContain('unknown style "shouty"');
    const gone = await cli(
      "build",
      "--input",
      join(root, "gone.jsonl"),
      "--out",
      join(root, "x"),
    );
    expect(gone.code).toBe(2);
    expect(gone.err).toMatch(
      /^flowpy dataset: error\[pipeline-input-unreadable\]: no such file/m,
    );
    const dry = await cli(
      "build",
      "--input",
      input,
      "--dry-run",
      "--styles",
      "terse,vague",
    );
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^estimated requests\s+48$/m);
  });
});
