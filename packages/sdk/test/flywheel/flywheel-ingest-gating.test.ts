import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  conversationTags,
  createChatClient,
  createRedactor,
  flywheelWeekDecisions,
  judgePromptTemplate,
  runFlywheelWeek,
  sdkCodes,
  sliceMetrics,
  weekSliceCounter,
  type CalibrationGates,
  type DatasetStore,
  type FlywheelDecision,
  type FlywheelWeekOptions,
  type ChatMessage,
} from "../../src/index.js";
import {
  startOpenAiTestServer,
  type OpenAiTestServer,
} from "../support/openai-test-server.js";
import { calibrationFlagging } from "./support/calibration.js";
import {
  dumpFlywheelTables,
  flywheelFixture,
} from "./support/flywheel-fixture.js";
import { generateWeek, judgeScript } from "./support/generated-week.js";

const PROMPT_SHA = judgePromptTemplate("judge-facets/v1")?.sha256 ?? "";

let server: OpenAiTestServer;
let dir: string;
let store: DatasetStore;
const week = generateWeek(21, { count: 24 });
let weekPath: string;

beforeAll(async () => {
  ({ server, dir, store } = await flywheelFixture("flywheel-ingest-"));
  weekPath = join(dir, "week.jsonl");
  writeFileSync(weekPath, week.jsonl);
});

afterAll(async () => {
  store.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function options(
  datasetName: string,
  path: string,
  more: {
    readonly gating?: FlywheelWeekOptions["gating"];
    readonly samples?: number;
    readonly baseUrl?: string;
    readonly maxLineBytes?: number;
    readonly model?: string;
  } = {},
): FlywheelWeekOptions {
  return {
    week: "2026-W47",
    conversationsPath: path,
    store,
    datasetName,
    judge: {
      client: createChatClient({
        baseUrl: more.baseUrl ?? server.baseUrl,
        model: more.model ?? "judge-test",
        maxRetries: 0,
        timeoutMs: 5000,
      }),
      ...(more.samples === undefined ? {} : { samples: more.samples }),
    },
    redactor: createRedactor({ salt: "ingest-salt" }),
    gating: more.gating ?? {
      facets: ["components", "configuration", "intent"],
    },
    ...(more.maxLineBytes === undefined
      ? {}
      : { maxLineBytes: more.maxLineBytes }),
  };
}

async function decisionsOf(datasetName: string): Promise<FlywheelDecision[]> {
  const out: FlywheelDecision[] = [];
  for await (const d of flywheelWeekDecisions(store, "2026-W47", {
    datasetName,
  }))
    out.push(d);
  return out;
}

describe("streaming a week's file", () => {
  it("quarantines every bad line with line:column and a code, never dropping one", async () => {
    const good = week.jsonl.trimEnd().split("\n").slice(0, 3);
    const schema = `{"conversation_id": "bad-ts", "merchant_id": "m_9", "timestamp": 12, "messages": [], "activated": true}`;
    const syntax = `{"conversation_id": "y",, "activated": true}`;
    const missing = `{"conversation_id":"no-act","merchant_id":"m","timestamp":"2026-11-17T10:00:00Z","messages":[{"role":"user","content":"x"}]}`;
    const duplicateKey = `{"conversation_id":"a","conversation_id":"b"}`;
    const notObject = `[1, 2, 3]`;
    const huge = `{"conversation_id": "huge", "pad": "${"x".repeat(80_000)}"}`;
    const parts: Buffer[] = [
      Buffer.from(`${good[0]}\r\n\n   \n`),
      Buffer.from(`${schema}\n${syntax}\n`),
      Buffer.from('{"conversation_id": "z'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}\n'),
      Buffer.from(`${missing}\n${huge}\n${duplicateKey}\n${notObject}\n`),
      Buffer.from(`${good[1]}\n${good[2]}`),
    ];
    const path = join(dir, "bad-lines.jsonl");
    writeFileSync(path, Buffer.concat(parts));
    const result = await runFlywheelWeek(
      options("bad-lines", path, { maxLineBytes: 64 * 1024 }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const decisions = await decisionsOf("bad-lines");
    // Lines 2 and 3 are blank; every other line has exactly one decision.
    expect(decisions.map((d) => d.line)).toEqual([
      1, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    expect(result.value.lines).toBe(10);
    const message = (line: number) =>
      decisions.find((d) => d.line === line)?.message ?? "";
    expect(message(4)).toMatch(
      new RegExp(
        `^4:${schema.indexOf("12") + 1}: ${sdkCodes.recordInvalidTimestamp}: `,
      ),
    );
    expect(message(5)).toMatch(
      new RegExp(
        `^5:${syntax.indexOf(",,") + 2}: ${sdkCodes.recordJsonSyntax}: `,
      ),
    );
    expect(message(6)).toMatch(
      new RegExp(
        `^6:${'{"conversation_id": "z'.length + 1}: ${sdkCodes.recordEncoding}: `,
      ),
    );
    expect(message(7)).toMatch(
      new RegExp(`^7:1: ${sdkCodes.recordMissingField}: `),
    );
    expect(message(8)).toMatch(
      new RegExp(`^8:1: ${sdkCodes.recordTooLarge}: `),
    );
    expect(message(9)).toMatch(
      new RegExp(`^9:\\d+: ${sdkCodes.recordDuplicateKey}: `),
    );
    expect(message(10)).toMatch(
      new RegExp(`^10:1: ${sdkCodes.recordNotObject}: `),
    );
    for (const line of [4, 5, 6, 7, 8, 9, 10]) {
      const d = decisions.find((x) => x.line === line);
      expect(d?.route, `line ${line}`).toBe("quarantine");
      expect(d?.reason).toBe("malformed");
    }
    expect(decisions.find((d) => d.line === 7)?.conversationId).toBe("no-act");
    for (const line of [1, 11, 12])
      expect(decisions.find((d) => d.line === line)?.route).not.toBe(
        "quarantine",
      );
    // The over-long line is kept only in part, redacted, in the store.
    const kept = await store.all(
      "SELECT length(redacted_json) AS n FROM flywheel_decisions WHERE dataset_name = 'bad-lines' AND line_no = 8",
    );
    expect(Number(kept[0]?.["n"])).toBeLessThan(70 * 1024);
  });

  it("stores nothing when the file cannot be read", async () => {
    const before = await dumpFlywheelTables(store);
    const missing = await runFlywheelWeek(
      options("missing", join(dir, "no-such-file.jsonl")),
    );
    expect(missing.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.flywheelInputUnreadable,
    ]);
    expect(await dumpFlywheelTables(store)).toBe(before);
  });
});

describe("the judge of a week", () => {
  it("takes self-consistency samples as an option: one request per sample, majority and agreement recorded", async () => {
    server.reset(judgeScript);
    const result = await runFlywheelWeek(
      options("sampled", weekPath, { samples: 3 }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    expect(result.value.judge.samples).toBe(3);
    const seeds = server.requests.map((r) => r.body?.["seed"]);
    expect(new Set(seeds)).toEqual(new Set([0, 1, 2]));
    for (const r of server.requests) expect(r.body?.["temperature"]).toBe(0.7);
    const scores = await store.all(
      "SELECT judge_json FROM flywheel_decisions WHERE dataset_name = 'sampled' AND judge_json IS NOT NULL",
    );
    expect(scores.length).toBeGreaterThan(0);
    for (const s of scores) {
      const score = JSON.parse(String(s["judge_json"])) as {
        samples: number;
        agreement: number;
      };
      expect(score.samples).toBe(3);
      expect(score.agreement).toBe(1);
    }
    const single = await runFlywheelWeek(options("single", weekPath));
    expect(single.ok && single.value.routeCounts).toEqual(
      result.value.routeCounts,
    );
  });

  it("stores nothing and says so when the judge's endpoint does not answer", async () => {
    const dead = await startOpenAiTestServer(judgeScript);
    const url = dead.baseUrl;
    await dead.close();
    const before = await dumpFlywheelTables(store);
    const result = await runFlywheelWeek(
      options("dead", weekPath, { baseUrl: url }),
    );
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.flywheelJudgeUnavailable,
    ]);
    expect(result.diagnostics[0]?.message).toContain(
      sdkCodes.judgeRequestFailed,
    );
    expect(await dumpFlywheelTables(store)).toBe(before);
  });
});

describe("gating by calibration", () => {
  it("does not let a facet the calibration flags gate, and says why in the summary and each message", async () => {
    const calibration = calibrationFlagging("judge-test", PROMPT_SHA, [
      "components",
      "configuration",
    ]);
    expect(calibration.gatingFacets).toEqual([
      "intent",
      "flow_fit",
      "next_steps",
    ]);
    server.reset(judgeScript);
    const gated = await runFlywheelWeek(
      options("calibrated", weekPath, {
        gating: {
          calibration,
          facets: ["components", "configuration", "intent"],
        },
      }),
    );
    if (!gated.ok) throw new Error(JSON.stringify(gated.diagnostics));
    expect(gated.value.gating.facets).toEqual(["intent"]);
    const byFacet = new Map(gated.value.gating.gates.map((g) => [g.facet, g]));
    for (const f of ["components", "configuration"] as const) {
      expect(byFacet.get(f)?.gates).toBe(false);
      expect(byFacet.get(f)?.basis).toBe("flagged");
      expect(byFacet.get(f)?.reason).toMatch(/^calibration flags it: /);
    }
    expect(byFacet.get("flow_fit")?.basis).toBe("not-chosen");
    expect(byFacet.get("intent")?.basis).toBe("calibrated");

    // The email conversations fail only the flagged facets: now they pass and train.
    const calibrated = await decisionsOf("calibrated");
    const plain = await decisionsOf("single");
    const emails = week.cases.filter(
      (c) => c.expected === "activated-judge-fail",
    );
    expect(emails.length).toBeGreaterThan(0);
    for (const c of emails) {
      expect(plain.find((d) => d.line === c.line)?.reason).toBe(
        "activated-judge-fail",
      );
      const d = calibrated.find((x) => x.line === c.line);
      expect(d?.reason).toBe("activated-judge-pass");
      expect(d?.message).toContain("components: fail (does not gate)");
    }
  });

  it("refuses a calibration of another judge model or prompt", async () => {
    const other: CalibrationGates = calibrationFlagging(
      "another-judge",
      PROMPT_SHA,
      [],
    );
    const before = await dumpFlywheelTables(store);
    const result = await runFlywheelWeek(
      options("mismatch", weekPath, { gating: { calibration: other } }),
    );
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.flywheelCalibrationMismatch,
    ]);
    expect(result.diagnostics[0]?.message).toContain("another-judge");
    expect(await dumpFlywheelTables(store)).toBe(before);
  });
});

describe("the week's slice counter", () => {
  it("gives sliceMetrics' table, without the examples, in memory bounded by the slices", () => {
    const lines = week.jsonl.split("\n");
    const rows = week.cases.flatMap((c, i) => {
      if (c.kind === null) return [];
      const record = JSON.parse(lines[c.line - 1] ?? "") as {
        messages: ChatMessage[];
        final_workflow?: string;
        activated: boolean;
      };
      return [
        {
          id: `c${i}`,
          tags: conversationTags(
            record.final_workflow === undefined
              ? { conversation: record.messages }
              : {
                  conversation: record.messages,
                  workflow: record.final_workflow,
                },
          ),
          metrics: {
            judge_pass: !c.email && i % 3 !== 0,
            ...(record.final_workflow === undefined
              ? {}
              : { activated: record.activated }),
          },
        },
      ];
    });
    expect(
      new Set(rows.flatMap((r) => r.tags.actionFamilies)).size,
    ).toBeGreaterThan(1);
    const counter = weekSliceCounter();
    for (const r of rows) counter.add(r.tags, r.metrics);
    const expected = sliceMetrics(rows);
    expect(counter.table()).toEqual({
      ...expected,
      slices: expected.slices.map((s) => ({ ...s, examples: [] })),
    });
  });
});
