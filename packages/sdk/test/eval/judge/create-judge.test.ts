import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createChatClient,
  createJudge,
  defaultJudgePromptVersion,
  judgeFacetIds,
  judgePromptTemplate,
  judgeScoreRecords,
  judgeScoreSchema,
  sdkCodes,
  type ChatClientOptions,
  type FacetedJudgeScore,
} from "../../../src/index.js";
import {
  startOpenAiTestServer,
  type OpenAiTestServer,
} from "../../support/openai-test-server.js";
import {
  askedFacets,
  facetReply,
  judgedExamples,
  MERCHANT_EMAIL,
  noisyJudge,
  truthsOf,
} from "./scripted-judges.js";

const template = judgePromptTemplate(defaultJudgePromptVersion);
const examples = judgedExamples(40, 7);
const truths = truthsOf(examples);

let server: OpenAiTestServer;
beforeAll(async () => {
  server = await startOpenAiTestServer(noisyJudge(truths, 0));
});
afterAll(() => server.close());
beforeEach(() => server.reset(noisyJudge(truths, 0)));

function client(overrides: Partial<ChatClientOptions> = {}) {
  return createChatClient({
    baseUrl: server.baseUrl,
    model: "judge-large",
    maxRetries: 1,
    backoff: { initialMs: 1, maxMs: 2 },
    concurrency: 8,
    ...overrides,
  });
}

function expectProvenance(score: FacetedJudgeScore, samples: number): void {
  expect(score.judgeModel).toBe("judge-large");
  expect(score.promptVersion).toBe(defaultJudgePromptVersion);
  expect(score.promptSha256).toBe(template?.sha256);
  expect(score.promptSha256).toMatch(/^[0-9a-f]{64}$/);
  expect(score.samples).toBe(samples);
}

describe("createJudge against scripted judges", () => {
  it("a good judge: every facet's verdict is the truth, with provenance on every score and record", async () => {
    const judge = createJudge(client());
    expect(judge.id).toBe(`judge:judge-large@${defaultJudgePromptVersion}`);
    for (const { input, truth } of examples) {
      const r = await judge.score(input);
      if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
      expectProvenance(r.value, 1);
      expect(r.value.exampleId).toBe(input.exampleId);
      expect(r.value.facets.map((f) => f.facet)).toEqual(judgeFacetIds);
      for (const f of r.value.facets) {
        expect(f.verdict).toBe(truth[f.facet]);
        expect(f.rationale).toBe(`${f.facet} judged.`);
        expect(f.agreement).toBeUndefined();
      }
      expect(r.value.agreement).toBeUndefined();
      const { records, notApplicable } = judgeScoreRecords(r.value);
      expect(records.length + notApplicable.length).toBe(judgeFacetIds.length);
      for (const rec of records) {
        expect(judgeScoreSchema.safeParse(rec).success).toBe(true);
        expect(rec.judge_model).toBe("judge-large");
        expect(rec.prompt_sha256).toBe(template?.sha256);
        expect(rec.verdict).toBe(
          truth[rec.facet as keyof typeof truth] === "pass" ? 1 : 0,
        );
      }
      expect(notApplicable).toEqual(
        judgeFacetIds.filter((f) => truth[f] === "n/a"),
      );
    }
    // One structured request per example and sample, at temperature 0 for a single sample.
    expect(server.requests).toHaveLength(examples.length);
    for (const req of server.requests) {
      expect(req.body?.["temperature"]).toBe(0);
      expect(req.body?.["seed"]).toBe(0);
      expect(req.rawBody).not.toContain(MERCHANT_EMAIL);
      expect(askedFacets(req.body ?? {})).toEqual(judgeFacetIds);
    }
  });

  it("shows the final workflow and the reference as Python, and the task labels", async () => {
    const example = examples.find((e) => e.input.finalWorkflow !== undefined);
    if (example === undefined) throw new Error("no example with a workflow");
    await createJudge(client()).score(example.input);
    const prompt = server.requests[0]?.body?.messages?.[1]?.content ?? "";
    expect(prompt).toContain("```python");
    expect(prompt.match(/```python/g)).toHaveLength(2);
    expect(prompt).toMatch(/^- Trigger: /m);
    expect(prompt).toContain("[merchant] Case ex-");
  });

  it("asks only the facets requested, in their order", async () => {
    const facets = ["configuration", "intent"] as const;
    const r = await createJudge(client(), { facets }).score(examples[0]!.input);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.value.facets.map((f) => f.facet)).toEqual(facets);
    expect(askedFacets(server.requests[0]?.body ?? {})).toEqual(facets);
  });

  it("malformed answers are sent back with their problems, then the valid one is used", async () => {
    const answers = [
      "I think it is fine.",
      JSON.stringify({
        facets: { intent: { verdict: "maybe", rationale: "" } },
      }),
    ];
    server.reset((body, n) =>
      n <= answers.length
        ? { kind: "text", content: answers[n - 1] ?? "" }
        : facetReply({ intent: "pass" }, askedFacets(body)),
    );
    const r = await createJudge(client(), { maxRepairs: 2 }).score(
      examples[0]!.input,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    expect(r.value.facets.find((f) => f.facet === "intent")?.verdict).toBe(
      "pass",
    );
    expect(server.requests).toHaveLength(3);
    const repair = server.requests[1]?.body?.messages?.at(-1)?.content ?? "";
    expect(repair).toContain("not a JSON object");
    const second = server.requests[2]?.body?.messages?.at(-1)?.content ?? "";
    expect(second).toContain("facets.intent.verdict");
    expect(second).toContain("facets.flow_fit is missing");
  });

  it("gives up after the bounded repairs with judge-answer-invalid", async () => {
    server.reset(() => ({ kind: "text", content: '{"facets": {}}' }));
    const r = await createJudge(client(), { maxRepairs: 1 }).score(
      examples[0]!.input,
    );
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toContain(
      sdkCodes.judgeAnswerInvalid,
    );
    expect(server.requests).toHaveLength(2);
  });

  it("a dead endpoint is a clear diagnostic naming the endpoint, not a throw", async () => {
    const dead = await startOpenAiTestServer(() => ({ kind: "drop" }));
    const url = dead.baseUrl;
    await dead.close();
    const r = await createJudge(
      client({ baseUrl: url, maxRetries: 0, timeoutMs: 5000 }),
    ).score(examples[0]!.input);
    expect(r.ok).toBe(false);
    const d = r.diagnostics.find((x) => x.code === sdkCodes.judgeRequestFailed);
    expect(d?.message).toContain("llm-connection-failed");
    expect(d?.message).toContain(url.replace(/\/v1$/, ""));
    expect(d?.message).toContain(examples[0]!.input.exampleId);
  });

  it("rejects unusable options and input as judge-invalid-input without asking", async () => {
    const cases = [
      createJudge(client(), { promptVersion: "judge-facets/v0" }),
      createJudge(client(), { samples: 0 }),
      createJudge(client(), { facets: [] }),
      createJudge(client(), { facets: ["intent", "intent"] }),
    ];
    for (const judge of cases) {
      const r = await judge.score(examples[0]!.input);
      expect(r.ok).toBe(false);
      expect(r.diagnostics[0]?.code).toBe(sdkCodes.judgeInvalidInput);
    }
    const empty = await createJudge(client()).score({
      ...examples[0]!.input,
      exampleId: "",
    });
    expect(empty.diagnostics[0]?.code).toBe(sdkCodes.judgeInvalidInput);
    expect(server.requests).toHaveLength(0);
  });

  it("a workflow that does not load is still shown, marked, and judged", async () => {
    const r = await createJudge(client()).score({
      ...examples[0]!.input,
      finalWorkflow: '{"not": "a workflow"',
    });
    expect(r.ok).toBe(true);
    const prompt = server.requests[0]?.body?.messages?.[1]?.content ?? "";
    expect(prompt).toContain("this workflow does not load");
    expect(prompt).toContain('{"not": "a workflow"');
  });
});

describe("self-consistency", () => {
  it("N samples use N seeds at a sampling temperature; the majority recovers the truth at the binomial rate", async () => {
    const flip = 0.2;
    const samples = 5;
    const many = judgedExamples(160, 11);
    server.reset(noisyJudge(truthsOf(many), flip));
    const single = createJudge(client());
    const voted = createJudge(client(), { samples, seed: 100 });
    let decided = 0;
    let singleRight = 0;
    let votedRight = 0;
    for (const { input, truth } of many) {
      const one = await single.score(input);
      const five = await voted.score(input);
      if (!one.ok || !five.ok) throw new Error("a scripted judge failed");
      expectProvenance(five.value, samples);
      expect(five.value.agreement).toBeGreaterThanOrEqual(0.6);
      for (const [k, f] of five.value.facets.entries()) {
        if (truth[f.facet] === "n/a") continue;
        decided++;
        if (one.value.facets[k]?.verdict === truth[f.facet]) singleRight++;
        if (f.verdict === truth[f.facet]) votedRight++;
        expect(f.agreement).toBeGreaterThanOrEqual(0.6);
        expect(f.score).toBeGreaterThanOrEqual(0);
      }
    }
    // P(majority of 5 wrong) = P(at least 3 flips) = 0.05792 at flip 0.2.
    const wrongMajority =
      10 * 0.2 ** 3 * 0.8 ** 2 + 5 * 0.2 ** 4 * 0.8 + 0.2 ** 5;
    const sd = (p: number) => Math.sqrt((p * (1 - p)) / decided);
    expect(Math.abs(1 - votedRight / decided - wrongMajority)).toBeLessThan(
      4 * sd(wrongMajority),
    );
    expect(Math.abs(1 - singleRight / decided - flip)).toBeLessThan(
      4 * sd(flip),
    );
    const bySeed = new Map<number, number>();
    for (const req of server.requests) {
      const seed = req.body?.["seed"] as number;
      bySeed.set(seed, (bySeed.get(seed) ?? 0) + 1);
      if (seed >= 100) expect(req.body?.["temperature"]).toBe(0.7);
    }
    expect([...bySeed.keys()].sort((a, b) => a - b)).toEqual([
      0, 100, 101, 102, 103, 104,
    ]);
  });

  it("is deterministic: the same inputs give identical scores, whatever the answer order", async () => {
    server.reset(async (body) => {
      // Answers arrive in a different order each run; aggregation must not care.
      await new Promise((r) => setTimeout(r, Math.random() * 5));
      return noisyJudge(truths, 0.3)(body);
    });
    const run = async (): Promise<string> => {
      const judge = createJudge(client(), { samples: 4, seed: 3 });
      const out: unknown[] = [];
      for (const { input } of examples.slice(0, 12))
        out.push(await judge.score(input));
      return JSON.stringify(out);
    };
    const first = await run();
    expect(await run()).toBe(first);
    // Ties (2 of 4) go to fail.
    const scores = JSON.parse(first) as { value: FacetedJudgeScore }[];
    for (const s of scores)
      for (const f of s.value.facets)
        if (f.agreement === 0.5) expect(f.verdict).toBe("fail");
  });
});
