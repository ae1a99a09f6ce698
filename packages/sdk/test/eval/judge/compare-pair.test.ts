import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  comparePair,
  createChatClient,
  defaultJudgePromptVersion,
  judgePromptTemplate,
  sdkCodes,
  type PairComparison,
  type PairInput,
} from "../../../src/index.js";
import {
  startOpenAiTestServer,
  type ChatBody,
  type Script,
  type ScriptedReply,
} from "../../support/openai-test-server.js";
import { MERCHANT_EMAIL, sampleWorkflow, userText } from "./scripted-judges.js";

const template = judgePromptTemplate(defaultJudgePromptVersion);

/** A is right and short; B is wrong and about 200 characters longer. */
const pair: PairInput = {
  exampleId: "pair-1",
  a: {
    conversation: [
      { role: "user", content: `Tag big orders VIP. I am ${MERCHANT_EMAIL}.` },
      {
        role: "assistant",
        content: "[right] Done: orders over $100 get the VIP tag. Turn it on.",
      },
    ],
    finalWorkflow: sampleWorkflow,
  },
  b: {
    conversation: [
      { role: "user", content: `Tag big orders VIP. I am ${MERCHANT_EMAIL}.` },
      {
        role: "assistant",
        content: `[wrong] Done: every customer gets an email instead. ${"This sends a message to each customer whenever anything happens. ".repeat(3)}`,
      },
    ],
  },
  reference: { workflow: sampleWorkflow },
};

function sections(body: ChatBody): { first: string; second: string } {
  const text = userText(body);
  const m =
    /=== Answer 1 ===\n([\s\S]*)\n=== Answer 2 ===\n([\s\S]*)\n=== Reference ===/.exec(
      text,
    );
  return { first: m?.[1] ?? "", second: m?.[2] ?? "" };
}

const reply = (better: "1" | "2" | "tie"): ScriptedReply => ({
  kind: "text",
  content: JSON.stringify({ better, rationale: `answer ${better} is better.` }),
});

const judges = {
  good: (body) => {
    const { first, second } = sections(body);
    return reply(
      first.includes("[right]") && !second.includes("[right]")
        ? "1"
        : second.includes("[right]") && !first.includes("[right]")
          ? "2"
          : "tie",
    );
  },
  positionBiased: () => reply("1"),
  // Prefers the longer reply text (the conversation shown before the workflow).
  verbosityBiased: (body) => {
    const { first, second } = sections(body);
    const said = (s: string) => s.split("\n\nWorkflow:\n")[0]?.length ?? 0;
    return reply(said(first) >= said(second) ? "1" : "2");
  },
} satisfies Record<string, Script>;

let server: Awaited<ReturnType<typeof startOpenAiTestServer>>;
beforeAll(async () => {
  server = await startOpenAiTestServer(judges.good);
});
afterAll(() => server.close());
beforeEach(() => server.reset(judges.good));

const client = () =>
  createChatClient({
    baseUrl: server.baseUrl,
    model: "judge-large",
    maxRetries: 0,
    backoff: { initialMs: 1, maxMs: 2 },
  });

async function compare(script: Script): Promise<PairComparison> {
  server.reset(script);
  const r = await comparePair(client(), pair);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  expect(r.value.judgeModel).toBe("judge-large");
  expect(r.value.promptSha256).toBe(template?.sha256);
  expect(r.value.promptVersion).toBe(defaultJudgePromptVersion);
  expect(server.requests).toHaveLength(4);
  for (const req of server.requests)
    expect(req.rawBody).not.toContain(MERCHANT_EMAIL);
  return r.value;
}

describe("comparePair: position swap and verbosity probe", () => {
  it("the good judge prefers A in both orders and is not moved by padding B", async () => {
    const c = await compare(judges.good);
    expect(c.preference).toBe("a");
    expect(c.positionConsistent).toBe(true);
    expect(c.swap.positionBias).toBe("none");
    expect(c.swap.orders.map((o) => [o.shownFirst, o.preferred])).toEqual([
      ["a", "a"],
      ["b", "a"],
    ]);
    expect(c.verbosity?.padded).toBe("b");
    expect(c.verbosity?.verdict.preference).toBe("a");
    expect(c.verbosityBiased).toBe(false);
  });

  it("a judge that always prefers the first answer is recorded as an inconsistent tie with a first-position bias", async () => {
    const c = await compare(judges.positionBiased);
    expect(c.preference).toBe("tie");
    expect(c.positionConsistent).toBe(false);
    expect(c.swap.positionBias).toBe("first");
    expect(c.swap.orders.map((o) => o.preferred)).toEqual(["a", "b"]);
    expect(c.verbosityBiased).toBe(false);
  });

  it("a judge that prefers the longer answer is flagged by the probe", async () => {
    const c = await compare(judges.verbosityBiased);
    // B is longer, so the biased judge prefers the wrong answer consistently …
    expect(c.preference).toBe("b");
    expect(c.positionConsistent).toBe(true);
    // … and moves to A once A is padded with content-free text.
    expect(c.verbosity?.padded).toBe("a");
    expect(c.verbosity?.verdict.preference).toBe("a");
    expect(c.verbosity?.movedTowardPadded).toBe(true);
    expect(c.verbosityBiased).toBe(true);
    const padded = server.requests.slice(2).map((r) => userText(r.body ?? {}));
    for (const text of padded) expect(text).toContain(template?.padding);
  });

  it("is deterministic, and without the probe asks only the two orders", async () => {
    const first = await compare(judges.good);
    expect(await compare(judges.good)).toEqual(first);
    server.reset(judges.good);
    const r = await comparePair(client(), pair, { verbosityProbe: false });
    expect(r.ok && r.value.verbosity).toBe(undefined);
    expect(server.requests).toHaveLength(2);
  });

  it("a malformed pairwise answer is repaired; a dead endpoint is a diagnostic", async () => {
    server.reset((body, n) =>
      n <= 2 ? { kind: "text", content: '{"better": "A"}' } : judges.good(body),
    );
    const r = await comparePair(client(), pair, { verbosityProbe: false });
    expect(r.ok && r.value.preference).toBe("a");
    expect(server.requests).toHaveLength(4);

    const dead = await startOpenAiTestServer(() => ({ kind: "drop" }));
    const url = dead.baseUrl;
    await dead.close();
    const failed = await comparePair(
      createChatClient({ baseUrl: url, model: "judge-large", maxRetries: 0 }),
      pair,
    );
    expect(failed.ok).toBe(false);
    expect(failed.diagnostics.map((d) => d.code)).toContain(
      sdkCodes.judgeRequestFailed,
    );
  });
});
