import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runDatasetCli } from "../../src/index.js";
import { corpusDir, writeRecordSet } from "../pipeline/support/record-set.js";

const root = mkdtempSync(join(tmpdir(), "flowpy-dataset-options-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const input = writeRecordSet(root, { good: 12, merchants: 3 });

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runDatasetCli(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    tty: false,
    now: () => 0,
  });
  expect(err).not.toMatch(/\n\s+at /);
  return { code, out, err };
}

describe(
  "flowpy dataset build: sampling and LLM options",
  { timeout: 120_000 },
  () => {
    it.each([
      [["--now", "yesterday"], "--now needs an ISO 8601 time"],
      [["--ran-within-days", "30"], "--ran-within-days needs --now"],
      [
        ["--now", "2026-10-02T00:00:00Z", "--ran-within-days", "-1"],
        "--ran-within-days needs an amount",
      ],
      [["--min-per-merchant", "x"], "--min-per-merchant needs a whole number"],
      [
        ["--max-per-merchant", "0"],
        "--max-per-merchant needs a whole number ≥ 1",
      ],
      [["--target", "1.5"], "--target needs a whole number"],
      [
        ["--target", "5", "--stratify-by", "trigger,colour"],
        '--stratify-by: unknown tag key "colour"',
      ],
      [
        ["--target", "5", "--allocation", "fair"],
        "--allocation is one of equal, sqrt, proportional",
      ],
      [
        ["--stratify-by", "trigger"],
        "--stratify-by and --allocation need --target",
      ],
      [["--salt", ""], "--salt needs a non-empty value"],
      [["--budget-usd", "1"], "--budget-usd needs --llm-base-url"],
      [
        [
          "--llm-base-url",
          "http://127.0.0.1:9/v1",
          "--llm-model",
          "m",
          "--budget-usd",
          "1",
        ],
        "--budget-usd needs --price-input-per-mtok",
      ],
      [
        [
          "--llm-base-url",
          "http://127.0.0.1:9/v1",
          "--llm-model",
          "m",
          "--budget-tokens",
          "many",
        ],
        "--budget-tokens needs a whole number",
      ],
    ])("%j is a usage error naming the option", async (args, message) => {
      const r = await cli(
        "build",
        "--input",
        input,
        "--out",
        join(root, "x"),
        ...args,
      );
      expect(r.code).toBe(2);
      expect(r.err).toContain(message);
    });

    it("refuses the run-recency filter on a folder, which has no run statistics", async () => {
      const r = await cli(
        "build",
        "--input",
        corpusDir,
        "--out",
        join(root, "folder"),
        "--now",
        "2026-10-02T00:00:00Z",
        "--ran-within-days",
        "30",
      );
      expect(r.code).toBe(2);
      expect(r.err).toContain("run statistics");
    });

    it("applies the sampling rules and reports what each removed", async () => {
      const out = join(root, "sampled");
      const r = await cli(
        "build",
        "--input",
        input,
        "--out",
        out,
        "--styles",
        "terse",
        "--now",
        "2026-10-02T00:00:00Z",
        "--ran-within-days",
        "30",
        "--max-per-merchant",
        "3",
        "--target",
        "5",
        "--stratify-by",
        "trigger",
        "--json",
      );
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.out) as { records: number; sampled: number };
      expect(summary.records).toBe(12);
      expect(summary.sampled).toBe(5);
      const report = JSON.parse(
        readFileSync(join(out, "report.json"), "utf8"),
      ) as {
        sampling: {
          input: number;
          kept: number;
          removed: { rule: string; count: number }[];
        };
      };
      expect(report.sampling.input).toBe(12);
      expect(report.sampling.kept).toBe(5);
      const removed = Object.fromEntries(
        report.sampling.removed.map((x) => [x.rule, x.count]),
      );
      expect(removed["ran-within-days"]).toBe(0);
      expect(removed["max-per-merchant"]).toBe(3);
      expect(removed["stratified-target"]).toBe(4);
    });

    it("--dry-run with the LLM writer estimates requests, tokens and cost and calls nothing", async () => {
      const r = await cli(
        "build",
        "--input",
        input,
        "--dry-run",
        "--styles",
        "terse,vague",
        "--target",
        "4",
        "--llm-base-url",
        "http://127.0.0.1:9/v1",
        "--llm-model",
        "writer",
        "--price-input-per-mtok",
        "2",
        "--price-output-per-mtok",
        "8",
        "--json",
      );
      expect(r.code).toBe(0);
      const s = JSON.parse(r.out) as {
        status: string;
        estimate: {
          requests: number;
          inputTokens: number;
          outputTokens: number;
          costUsd: number;
        };
      };
      expect(s.status).toBe("dry_run");
      expect(s.estimate.requests).toBe(8);
      expect(s.estimate.inputTokens).toBeGreaterThan(0);
      expect(s.estimate.costUsd).toBeCloseTo(
        (s.estimate.inputTokens * 2 + s.estimate.outputTokens * 8) / 1_000_000,
        12,
      );
    });
  },
);
