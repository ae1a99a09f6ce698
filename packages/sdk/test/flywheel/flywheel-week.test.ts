import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createChatClient,
  createRedactor,
  exportFlywheelDataset,
  flywheelVersionFiles,
  latestFlywheelVersion,
  openDatasetStore,
  rollbackFlywheelWeek,
  routeReasons,
  runFlywheelWeek,
  sdkCodes,
  type DatasetStore,
  type DatasetRow,
  type FlywheelWeek,
} from "../../src/index.js";
import { createStandInJudge } from "../../src/flywheel/judge-stand-in.js";
import {
  startOpenAiTestServer,
  type OpenAiTestServer,
} from "../support/openai-test-server.js";
import {
  generateWeek,
  judgeScript,
  type GeneratedWeek,
} from "./support/generated-week.js";

const GATING = ["components", "configuration", "intent"] as const;
const TABLES = [
  "flywheel_weeks",
  "flywheel_decisions",
  "flywheel_rows",
  "flywheel_lineage",
  "flywheel_versions",
];

let server: OpenAiTestServer;
let dir: string;
let store: DatasetStore;
const w47 = generateWeek(47);
const w48 = generateWeek(48, { firstDay: 23, count: 24 });

async function dump(s: DatasetStore): Promise<string> {
  const parts: string[] = [];
  for (const t of TABLES)
    parts.push(
      t,
      JSON.stringify(await s.all(`SELECT * FROM ${t} ORDER BY ALL`)),
    );
  return parts.join("\n");
}

function options(week: string, generated: GeneratedWeek) {
  return {
    week,
    conversations: generated.jsonl,
    store,
    judge: createStandInJudge(
      createChatClient({
        baseUrl: server.baseUrl,
        model: "judge-test",
        maxRetries: 0,
      }),
    ),
    redactor: createRedactor({ salt: "flywheel-test-salt" }),
    gatingFacets: GATING,
  };
}

function expectNoPii(text: string, pii: readonly string[]): void {
  const leaked = pii.filter((p) => text.includes(p));
  expect(leaked).toEqual([]);
}

let first: FlywheelWeek;

beforeAll(async () => {
  server = await startOpenAiTestServer(judgeScript);
  dir = mkdtempSync(join(tmpdir(), "flywheel-"));
  const opened = await openDatasetStore(join(dir, "store.duckdb"));
  if (!opened.ok) throw new Error(opened.diagnostics[0]?.message);
  store = opened.value;
  const result = await runFlywheelWeek(options("2026-W47", w47));
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  first = result.value;
});

afterAll(async () => {
  store.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a flywheel week", () => {
  it("routes every line of the week as the routing table says, with its reason code", () => {
    expect(first.status).toBe("built");
    const byLine = new Map(first.decisions.map((d) => [d.line, d]));
    expect(first.decisions.length).toBe(w47.cases.length);
    for (const c of w47.cases) {
      const d = byLine.get(c.line);
      expect(d?.reason, `line ${c.line} (${c.id})`).toBe(c.expected);
      expect(d?.route).toBe(routeReasons[c.expected]);
      expect(d?.conversationId).toBe(c.id);
      if (c.kind !== null && c.expected !== "judge-failed")
        expect(d?.requestKind, `line ${c.line}`).toBe(c.kind);
    }
    const trained = w47.cases.filter(
      (c) => routeReasons[c.expected] === "train",
    );
    expect(first.rowsAdded).toBe(trained.length);
    expect(first.routeCounts.train).toBe(trained.length);
    expect(first.datasetVersion).toBe(1);
    expect(first.parentVersion).toBeNull();
  });

  it("sends no merchant data to the judge and stores or exports none", async () => {
    expect(server.requests.length).toBeGreaterThan(0);
    expectNoPii(server.requests.map((r) => r.rawBody).join("\n"), w47.pii);
    expectNoPii(await dump(store), w47.pii);
    const files = await flywheelVersionFiles(store, "flywheel", 1);
    expectNoPii(files.train + files.lineage, w47.pii);
    // The redaction kept the conversations usable: the workflow and request are still there.
    expect(files.train).toContain("add_customer_tags");
  });

  it("traces every row to its conversation, input line, week and judge version", async () => {
    const files = await flywheelVersionFiles(store, "flywheel", 1);
    const lineage = files.lineage
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const rows = files.train
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as DatasetRow);
    expect(rows.map((r) => r.meta.id)).toEqual(lineage.map((l) => l["row_id"]));
    const trainLines = new Map(
      first.decisions
        .filter((d) => d.route === "train")
        .map((d) => [d.conversationId, d.line]),
    );
    for (const [i, l] of lineage.entries()) {
      expect(trainLines.get(l["conversation_id"] as string)).toBe(l["line"]);
      expect(l["week"]).toBe("2026-W47");
      expect(l["judge_model"]).toBe("judge-test");
      expect(l["prompt_sha256"]).toMatch(/^[0-9a-f]{64}$/);
      const row = rows[i];
      expect(row?.meta.source).toBe(
        `flywheel/2026-W47/${String(l["conversation_id"])}`,
      );
      // A training row like the dataset pipeline's: rendered, tokenized, masked.
      expect(row?.input_ids.length).toBe(row?.assistant_masks.length);
      expect(row?.meta.trained_tokens).toBeGreaterThan(0);
    }
    expect(lineage.length).toBe(first.rowsAdded);
  });

  it("names the slice made weak on purpose (email workflows) in the gap report", () => {
    const slices = first.gaps.map((g) => g.slice);
    expect(slices).toContain("email=yes");
    expect(slices).toContain("actionFamilies=email");
    const email = first.gaps.find((g) => g.slice === "email=yes");
    expect(email?.metricValue).toBe(0);
    expect(email?.n).toBe(w47.cases.filter((c) => c.email).length);
    expect(email?.suggestedExamples).toBeGreaterThan(0);
    // Email workflows are every judge failure but the ones with no gating verdict.
    const share = first.failureShares.find((f) => f.slice === "email=yes");
    expect(share?.share).toBe(1);
  });

  it("is a no-op when the same week runs again: same version, same store, no judge calls", async () => {
    const before = await dump(store);
    const calls = server.requests.length;
    const again = await runFlywheelWeek(options("2026-W47", w47));
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.value.status).toBe("unchanged");
    expect({ ...again.value, status: "built" }).toEqual(first);
    expect(await dump(store)).toBe(before);
    expect(server.requests.length).toBe(calls);
  });

  it("refuses to run a week again on other input", async () => {
    const changed = await runFlywheelWeek(
      options("2026-W47", generateWeek(99)),
    );
    expect(changed.ok).toBe(false);
    expect(changed.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.flywheelWeekChanged,
    ]);
  });

  it("rolls back a later week so the previous version exports byte for byte as before", async () => {
    const exportOne = join(dir, "v1-before");
    const before = await exportFlywheelDataset(store, { dir: exportOne });
    expect(before.ok && before.value.version).toBe(1);
    const storeBefore = await dump(store);
    const next = await runFlywheelWeek(options("2026-W48", w48));
    expect(next.ok).toBe(true);
    if (!next.ok) return;
    expect(next.value.datasetVersion).toBe(2);
    expect(next.value.parentVersion).toBe(1);
    expect(next.value.rowCount).toBe(first.rowCount + next.value.rowsAdded);
    const notLatest = await rollbackFlywheelWeek(store, "2026-W47");
    expect(notLatest.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.flywheelRollbackNotLatest,
    ]);
    const undone = await rollbackFlywheelWeek(store, "2026-W48");
    expect(undone.ok && undone.value).toEqual({
      week: "2026-W48",
      removedVersion: 2,
      restoredVersion: 1,
    });
    expect(await latestFlywheelVersion(store)).toBe(1);
    expect(await dump(store)).toBe(storeBefore);
    const exportAgain = join(dir, "v1-after");
    const after = await exportFlywheelDataset(store, { dir: exportAgain });
    expect(after.ok && after.value).toEqual(before.ok && before.value);
    for (const f of ["train.jsonl", "lineage.jsonl"])
      expect(readFileSync(join(exportAgain, f))).toEqual(
        readFileSync(join(exportOne, f)),
      );
    // And the week runs again to the same version 2 rows.
    const redo = await runFlywheelWeek(options("2026-W48", w48));
    expect(redo.ok && redo.value.datasetVersion).toBe(2);
    expect(redo.ok && redo.value.decisions).toEqual(next.value.decisions);
  });

  it("rejects a week that is not an ISO week", async () => {
    const bad = await runFlywheelWeek(options("2026-W54", w47));
    expect(bad.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.flywheelInvalidWeek,
    ]);
  });
});
