import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { readDatasetJsonl, type DatasetCardData } from "../../src/index.js";
import { corpusRoot } from "../trajectory/corpus-workflows.js";
import { runSdk as run } from "./run-sdk-cli.js";

let dir = "";
const picked = [
  "foreach/tag-presale-products",
  "graph-shapes/merge-into-email",
];
// The one-segment regression with its custom tasks renamed to ids the catalog lacks.
const unknownApp = "regressions/unknown-app-task";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "flowpy-sdk-dataset-"));
  for (const p of picked)
    cpSync(join(corpusRoot, p), join(dir, "corpus", p), { recursive: true });
  mkdirSync(join(dir, "corpus", unknownApp), { recursive: true });
  writeFileSync(
    join(dir, "corpus", unknownApp, "workflow.json"),
    readFileSync(
      join(corpusRoot, "regressions/one-segment-task-id/workflow.json"),
      "utf8",
    )
      .replace('"task_id": "notify"', '"task_id": "acme-missing-notify"')
      .replace('"task_id": "step"', '"task_id": "acme-missing-step"'),
  );
  // What the walk must skip: error cases and trivia files.
  cpSync(join(corpusRoot, "_errors_"), join(dir, "corpus", "_errors_"), {
    recursive: true,
  });
  writeFileSync(join(dir, "corpus", "x.trivia.json"), "{}");
});

describe("flowpy-sdk dataset corpus", () => {
  it("writes train.jsonl, card.json and card.md; exits 1 listing each rejection on stderr", async () => {
    const out = join(dir, "out");
    const r = await run(
      "dataset",
      "corpus",
      join(dir, "corpus"),
      "--out",
      out,
      "--sample",
      "1",
      "--seed",
      "3",
    );
    expect(r.code).toBe(1);
    const card = JSON.parse(
      readFileSync(join(out, "card.json"), "utf8"),
    ) as DatasetCardData;
    expect(card.seed).toBe(3);
    const rows = readDatasetJsonl(
      readFileSync(join(out, "train.jsonl"), "utf8"),
    );
    expect(rows.ok).toBe(true);
    if (!rows.ok) return;
    expect(rows.value.length).toBe(card.rows);
    expect(new Set(rows.value.map((row) => row.meta.source))).toEqual(
      new Set([
        "foreach/tag-presale-products",
        "graph-shapes/merge-into-email",
      ]),
    );
    expect(card.rejected.map((x) => [x.id, x.variant, x.code])).toEqual([
      [
        "graph-shapes/merge-into-email",
        "edit",
        "trajectory-variant-unavailable",
      ],
      ...["create", "edit", "fix", "question"].map((v) => [
        unknownApp,
        v,
        "trajectory-task-not-in-catalog",
      ]),
    ]);
    expect(r.err.trim().split("\n")).toHaveLength(card.rejected.length);
    expect(r.err).toContain(
      `${unknownApp} (create): error[trajectory-task-not-in-catalog]`,
    );
    expect(r.out).toContain(`wrote ${card.rows} rows`);
    expect(readFileSync(join(out, "card.md"), "utf8")).toContain(
      `| ${unknownApp} | create | trajectory-task-not-in-catalog |`,
    );

    // Excusing both codes exits 0; the same arguments give the same bytes.
    const again = join(dir, "again");
    const excused = await run(
      "dataset",
      "corpus",
      join(dir, "corpus"),
      "--out",
      again,
      "--sample",
      "1",
      "--seed",
      "3",
      "--accept-rejection",
      "trajectory-task-not-in-catalog",
      "--accept-rejection",
      "trajectory-variant-unavailable",
    );
    expect(excused.code).toBe(0);
    for (const f of ["train.jsonl", "card.json", "card.md"])
      expect(readFileSync(join(again, f), "utf8"), f).toBe(
        readFileSync(join(out, f), "utf8"),
      );
  }, 120_000);

  it("exits 2 on usage errors and unreadable input", async () => {
    expect((await run("dataset", "corpus", join(dir, "corpus"))).err).toContain(
      "missing --out",
    );
    expect((await run("dataset", "corpus", "--out", dir)).code).toBe(2);
    expect(
      (await run("dataset", "corpus", join(dir, "nope"), "--out", dir)).err,
    ).toContain("no such file or directory");
    expect(
      (await run("dataset", "corpus", dir, "--out", dir, "--seed", "-1")).code,
    ).toBe(2);
    expect(
      (await run("dataset", "corpus", dir, "--out", dir, "--sample", "2")).code,
    ).toBe(2);
    expect(
      (await run("dataset", "corpus", dir, "--out", dir, "--bogus")).code,
    ).toBe(2);
    expect((await run("dataset", "nope")).err).toContain(
      "unknown command dataset nope",
    );
  });
});
