import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createChatClient,
  createRedactor,
  exportFlywheelDataset,
  flywheelVersionFiles,
  flywheelWeekDecisions,
  judgePromptTemplate,
  latestFlywheelVersion,
  rollbackFlywheelWeek,
  routeReasons,
  runFlywheelWeek,
  sdkCodes,
  type DatasetRow,
  type DatasetStore,
  type FlywheelDecision,
  type FlywheelGatingInput,
  type FlywheelWeek,
  type FlywheelWeekOptions,
} from "../../src/index.js";
import type { OpenAiTestServer } from "../support/openai-test-server.js";
import {
  dumpFlywheelTables,
  flywheelFixture,
} from "./support/flywheel-fixture.js";
import { generateWeek, type GeneratedWeek } from "./support/generated-week.js";

const GATING = ["components", "configuration", "intent"] as const;
const PROMPT = judgePromptTemplate("judge-facets/v1");

let server: OpenAiTestServer;
let dir: string;
let store: DatasetStore;
const w47 = generateWeek(47);
const w48 = generateWeek(48, { firstDay: 23, count: 24 });
const w49 = generateWeek(49, { firstDay: 30, count: 12 });
let emptyDump: string;

function file(name: string, generated: GeneratedWeek): string {
  const path = join(dir, `${name}.jsonl`);
  writeFileSync(path, generated.jsonl);
  return path;
}

function options(
  week: string,
  path: string,
  more: Partial<FlywheelWeekOptions> & {
    readonly samples?: number;
    readonly baseUrl?: string;
  } = {},
): FlywheelWeekOptions {
  const { samples, baseUrl, ...rest } = more;
  const gating: FlywheelGatingInput = { facets: GATING };
  return {
    week,
    conversationsPath: path,
    store,
    judge: {
      client: createChatClient({
        baseUrl: baseUrl ?? server.baseUrl,
        model: "judge-test",
        maxRetries: 0,
      }),
      ...(samples === undefined ? {} : { samples }),
    },
    redactor: createRedactor({ salt: "flywheel-test-salt" }),
    gating,
    ...rest,
  };
}

async function decisionsOf(
  week: string,
  datasetName = "flywheel",
): Promise<FlywheelDecision[]> {
  const out: FlywheelDecision[] = [];
  for await (const d of flywheelWeekDecisions(store, week, { datasetName }))
    out.push(d);
  return out;
}

function expectNoPii(text: string, pii: readonly string[]): void {
  const leaked = pii.filter((p) => text.includes(p));
  expect(leaked).toEqual([]);
}

let first: FlywheelWeek;
let firstDecisions: FlywheelDecision[];
let w47Path: string;

beforeAll(async () => {
  ({ server, dir, store } = await flywheelFixture("flywheel-"));
  emptyDump = await dumpFlywheelTables(store);
  w47Path = file("w47", w47);
  const result = await runFlywheelWeek(options("2026-W47", w47Path));
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  first = result.value;
  firstDecisions = await decisionsOf("2026-W47");
});

afterAll(async () => {
  store.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("a flywheel week scored by the faceted judge", () => {
  it("routes every line of the week as the routing table says, with its reason code", () => {
    expect(first.status).toBe("built");
    const byLine = new Map(firstDecisions.map((d) => [d.line, d]));
    expect(firstDecisions.length).toBe(w47.cases.length);
    expect(first.lines).toBe(w47.cases.length);
    for (const c of w47.cases) {
      const d = byLine.get(c.line);
      expect(d?.reason, `line ${c.line} (${c.id})`).toBe(c.expected);
      expect(d?.route).toBe(routeReasons[c.expected]);
      expect(d?.conversationId).toBe(c.id);
      if (c.kind !== null)
        expect(d?.requestKind, `line ${c.line}`).toBe(c.kind);
    }
    const trained = w47.cases.filter(
      (c) => routeReasons[c.expected] === "train",
    );
    expect(first.rowsAdded).toBe(trained.length);
    expect(first.routeCounts.train).toBe(trained.length);
    for (const [reason, n] of Object.entries(first.reasonCounts))
      expect(n, reason).toBe(
        w47.cases.filter((c) => c.expected === reason).length,
      );
    expect(first.datasetVersion).toBe(1);
    expect(first.parentVersion).toBeNull();
  });

  it("asks the real judge: its prompt, JSON answers, one request per conversation and repairs for garbage", () => {
    const requests = server.requests.filter((r) => r.body !== undefined);
    const judged = w47.cases.filter(
      (c) =>
        routeReasons[c.expected] !== "quarantine" ||
        c.expected === "unrenderable",
    );
    // The garbage answer is sent back twice (two repairs): 3 requests for that conversation.
    expect(requests.length).toBe(judged.length + 2);
    for (const r of requests) {
      expect(r.body?.messages?.[0]?.content).toBe(PROMPT?.system);
      expect(r.body?.["response_format"]).toEqual({ type: "json_object" });
      expect(r.body?.["temperature"]).toBe(0);
    }
    expect(first.judge).toEqual({
      id: "judge:judge-test@judge-facets/v1",
      model: "judge-test",
      promptVersion: "judge-facets/v1",
      promptSha256: PROMPT?.sha256,
    });
  });

  it("sends a judge that errors or answers garbage to human review with the judge's reason, never crashing", () => {
    const failed = firstDecisions.filter((d) => d.reason === "judge-failed");
    expect(failed.map((d) => d.route)).toEqual([
      "human_review",
      "human_review",
    ]);
    const messages = failed.map((d) => d.message).join("\n");
    expect(messages).toContain(sdkCodes.judgeAnswerInvalid);
    expect(messages).toContain(sdkCodes.judgeRequestFailed);
  });

  it("records the judge model, prompt version and hash with every score and every row's lineage", async () => {
    const scores = await store.all(
      "SELECT judge_json FROM flywheel_decisions WHERE week = '2026-W47' AND judge_json IS NOT NULL",
    );
    expect(scores.length).toBe(
      w47.cases.filter(
        (c) =>
          routeReasons[c.expected] !== "quarantine" &&
          c.expected !== "judge-failed",
      ).length,
    );
    for (const s of scores) {
      const score = JSON.parse(String(s["judge_json"])) as Record<
        string,
        unknown
      >;
      expect(score["judgeModel"]).toBe("judge-test");
      expect(score["promptVersion"]).toBe("judge-facets/v1");
      expect(score["promptSha256"]).toBe(PROMPT?.sha256);
      expect(score["samples"]).toBe(1);
    }
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
      firstDecisions
        .filter((d) => d.route === "train")
        .map((d) => [d.conversationId, d.line]),
    );
    for (const [i, l] of lineage.entries()) {
      expect(trainLines.get(l["conversation_id"] as string)).toBe(l["line"]);
      expect(l["week"]).toBe("2026-W47");
      expect(l["judge_model"]).toBe("judge-test");
      expect(l["prompt_version"]).toBe("judge-facets/v1");
      expect(l["prompt_sha256"]).toBe(PROMPT?.sha256);
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

  it("sends no merchant data to the judge and stores or exports none", async () => {
    expectNoPii(server.requests.map((r) => r.rawBody).join("\n"), w47.pii);
    expectNoPii(await dumpFlywheelTables(store), w47.pii);
    const files = await flywheelVersionFiles(store, "flywheel", 1);
    expectNoPii(files.train + files.lineage, w47.pii);
    // The redaction kept the conversations usable: the workflow and request are still there.
    expect(files.train).toContain("add_customer_tags");
  });

  it("names the slice made weak on purpose (email workflows) in the gap report", () => {
    const slices = first.gaps.map((g) => g.slice);
    expect(slices).toContain("email=yes");
    expect(slices).toContain("actionFamilies=email");
    const email = first.gaps.find((g) => g.slice === "email=yes");
    expect(email?.metricValue).toBe(0);
    expect(email?.n).toBe(w47.cases.filter((c) => c.email).length);
    expect(email?.suggestedExamples).toBeGreaterThan(0);
    const share = first.failureShares.find((f) => f.slice === "email=yes");
    expect(share?.share).toBe(1);
  });

  it("keeps the summary free of per-conversation data (it does not grow with the week)", () => {
    const text = JSON.stringify(first);
    for (const c of w47.cases)
      if (c.id !== null) expect(text).not.toContain(c.id);
    for (const s of first.slices.slices) expect(s.examples).toEqual([]);
  });

  it("is a no-op when the same week runs again: same version, same store, no judge calls", async () => {
    const before = await dumpFlywheelTables(store);
    const exported = await exportFlywheelDataset(store, {
      dir: join(dir, "noop-1"),
    });
    const calls = server.requests.length;
    const again = await runFlywheelWeek(options("2026-W47", w47Path));
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(again.value.status).toBe("unchanged");
    expect({ ...again.value, status: "built" }).toEqual(first);
    expect(await dumpFlywheelTables(store)).toBe(before);
    expect(server.requests.length).toBe(calls);
    const exportedAgain = await exportFlywheelDataset(store, {
      dir: join(dir, "noop-2"),
    });
    expect(exportedAgain).toEqual(exported);
    for (const f of ["train.jsonl", "lineage.jsonl"])
      expect(readFileSync(join(dir, "noop-2", f))).toEqual(
        readFileSync(join(dir, "noop-1", f)),
      );
  });

  it("refuses to run a week again on other input, another judge setting or other gating", async () => {
    const other = file("w47-other", generateWeek(99));
    for (const changed of [
      options("2026-W47", other),
      options("2026-W47", w47Path, { samples: 3 }),
      options("2026-W47", w47Path, { gating: { facets: ["intent"] } }),
    ]) {
      const result = await runFlywheelWeek(changed);
      expect(result.diagnostics.map((d) => d.code)).toEqual([
        sdkCodes.flywheelWeekChanged,
      ]);
    }
  });

  it("routes the same whatever the batch size and concurrency", async () => {
    const small = await runFlywheelWeek(
      options("2026-W47", w47Path, {
        datasetName: "batched",
        batchSize: 3,
        concurrency: 2,
      }),
    );
    expect(small.ok).toBe(true);
    const strip = (ds: FlywheelDecision[]) =>
      ds.map(({ line, route, reason, message }) => ({
        line,
        route,
        reason,
        message,
      }));
    expect(strip(await decisionsOf("2026-W47", "batched"))).toEqual(
      strip(firstDecisions),
    );
    expect(small.ok && small.value.slices).toEqual(first.slices);
    expect(small.ok && small.value.rowsAdded).toBe(first.rowsAdded);
  });

  it("rejects a week that is not an ISO week", async () => {
    const bad = await runFlywheelWeek(options("2026-W54", w47Path));
    expect(bad.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.flywheelInvalidWeek,
    ]);
  });
});

describe("rolling back any week", () => {
  it("refuses a week later weeks were built on, naming them; with cascade restores the previous version byte for byte", async () => {
    const exportOne = join(dir, "v1-before");
    const before = await exportFlywheelDataset(store, { dir: exportOne });
    expect(before.ok && before.value.version).toBe(1);
    const storeAfterW47 = await dumpFlywheelTables(store);
    const w48Path = file("w48", w48);
    const w49Path = file("w49", w49);
    const r48 = await runFlywheelWeek(options("2026-W48", w48Path));
    const d48 = await decisionsOf("2026-W48");
    const storeAfterW48 = await dumpFlywheelTables(store);
    const r49 = await runFlywheelWeek(options("2026-W49", w49Path));
    expect(r48.ok && r48.value.datasetVersion).toBe(2);
    expect(r49.ok && r49.value.datasetVersion).toBe(3);
    expect(r49.ok && r49.value.parentVersion).toBe(2);
    if (!r48.ok || !r49.ok) return;
    expect(r49.value.rowCount).toBe(
      first.rowCount + r48.value.rowsAdded + r49.value.rowsAdded,
    );

    // W48 has W49 on top: refused, and the message names the later week and its version.
    const refused = await rollbackFlywheelWeek(store, "2026-W48");
    expect(refused.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.flywheelRollbackLaterWeeks,
    ]);
    expect(refused.diagnostics[0]?.message).toContain("2026-W49 (version 3)");
    const refusedFirst = await rollbackFlywheelWeek(store, "2026-W47");
    expect(refusedFirst.diagnostics[0]?.message).toContain(
      "2026-W48 (version 2), 2026-W49 (version 3)",
    );

    // The latest week alone: back to exactly the state after W48.
    const latest = await rollbackFlywheelWeek(store, "2026-W49");
    expect(latest.ok && latest.value).toEqual({
      week: "2026-W49",
      removed: [{ week: "2026-W49", version: 3 }],
      restoredVersion: 2,
    });
    expect(await dumpFlywheelTables(store)).toBe(storeAfterW48);

    // W48 with cascade after running W49 again: back to exactly the state after W47.
    await runFlywheelWeek(options("2026-W49", w49Path));
    const cascade = await rollbackFlywheelWeek(store, "2026-W48", {
      cascade: true,
    });
    expect(cascade.ok && cascade.value).toEqual({
      week: "2026-W48",
      removed: [
        { week: "2026-W48", version: 2 },
        { week: "2026-W49", version: 3 },
      ],
      restoredVersion: 1,
    });
    expect(await latestFlywheelVersion(store)).toBe(1);
    expect(await dumpFlywheelTables(store)).toBe(storeAfterW47);
    const exportAgain = join(dir, "v1-after");
    const after = await exportFlywheelDataset(store, { dir: exportAgain });
    expect(after.ok && after.value).toEqual(before.ok && before.value);
    for (const f of ["train.jsonl", "lineage.jsonl"])
      expect(readFileSync(join(exportAgain, f))).toEqual(
        readFileSync(join(exportOne, f)),
      );

    // The week runs again to the same version 2 decisions and rows.
    const redo = await runFlywheelWeek(options("2026-W48", w48Path));
    expect(redo.ok && redo.value.datasetVersion).toBe(2);
    expect(await decisionsOf("2026-W48")).toEqual(d48);
    expect(await dumpFlywheelTables(store)).toBe(storeAfterW48);

    // Even the first week, with everything after it: the empty dataset, exactly.
    const all = await rollbackFlywheelWeek(store, "2026-W47", {
      cascade: true,
    });
    expect(all.ok && all.value.restoredVersion).toBe(0);
    await rollbackFlywheelWeek(store, "2026-W47", {
      datasetName: "batched",
    });
    expect(await dumpFlywheelTables(store)).toBe(emptyDump);
    const none = await rollbackFlywheelWeek(store, "2026-W47");
    expect(none.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.flywheelWeekNotRun,
    ]);
  });
});
