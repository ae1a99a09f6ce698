import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  runBenchmark,
  sdkCodes,
  type BenchmarkRun,
  type ExampleResult,
} from "../../../src/index.js";
import {
  startOpenAiTestServer,
  type OpenAiTestServer,
} from "../../support/openai-test-server.js";
import { buildFixtures, scriptedClient, type Fixtures } from "./fixtures.js";
import {
  firstUserMessage,
  scriptedModels,
  type ModelBehaviour,
  type Mutation,
} from "./scripted-models.js";

let fx: Fixtures;
let server: OpenAiTestServer;

/** A change that must apply: a mutation that changed nothing would test nothing. */
const replace =
  (from: string, to: string): Mutation =>
  (python) => {
    if (!python.includes(from)) throw new Error(`${from} is not in ${python}`);
    return python.replace(from, to);
  };

const models: Readonly<Record<string, ModelBehaviour>> = {
  correct: { kind: "correct" },
  "syntax-error": {
    kind: "mutate",
    mutate: replace('"High-Value"])', '"High-Value"]'),
  },
  "wrong-task": {
    kind: "mutate",
    mutate: replace("add_order_tags", "remove_order_tags"),
  },
  "wrong-config": {
    kind: "mutate",
    mutate: replace('"High-Value"', '"Low-Value"'),
  },
  "wrong-condition": {
    kind: "mutate",
    mutate: replace(">= 500.00", ">= 5000.00"),
  },
  loop: { kind: "loop" },
  "malformed-args": { kind: "malformed-submit" },
  slow: { kind: "slow", delayMs: 1500 },
  error: { kind: "error" },
};

beforeAll(async () => {
  fx = await buildFixtures();
  server = await startOpenAiTestServer(() => ({ kind: "status", status: 500 }));
});
afterAll(async () => {
  await server?.close();
});

function idealTurns(id: string): number {
  const s = fx.scripted.find((e) => e.example.id === id);
  if (s === undefined) throw new Error(id);
  return s.trajectory.conversation.messages.filter(
    (m) => m.role === "assistant",
  ).length;
}

async function run(
  model: string,
  ids?: readonly string[],
  extra: Parameters<typeof scriptedClient>[2] & {
    readonly turnLimit?: number;
  } = {},
): Promise<BenchmarkRun> {
  server.reset(
    scriptedModels(fx.scripted, {
      ...models,
      "answers-question": {
        kind: "submit-anyway",
        python: fx.scripted[0]?.trajectory.conversation.messages.length
          ? pythonOf(0)
          : "",
      },
    }),
  );
  const result = await runBenchmark({
    examples:
      ids === undefined
        ? fx.examples
        : fx.examples.filter((e) => ids.includes(e.id)),
    client: scriptedClient(server.baseUrl, model, extra),
    environment: fx.benchmarkEnv,
    ...(extra.turnLimit === undefined ? {} : { turnLimit: extra.turnLimit }),
  });
  if (!result.ok)
    throw new Error(result.diagnostics.map((d) => d.message).join("; "));
  return result.value;
}

/** The Python the ideal trajectory of example `i` submits. */
function pythonOf(i: number): string {
  const t = fx.scripted[i]?.trajectory;
  for (const m of t?.conversation.messages ?? [])
    if (m.role === "assistant")
      for (const c of m.tool_calls ?? [])
        if (c.function.name === "submit_workflow")
          return (JSON.parse(c.function.arguments) as { python: string })
            .python;
  throw new Error("no submission");
}

const HIGH = "tag-high-value-orders:create";
const QUESTION = "tag-high-value-orders:question";

function only(r: BenchmarkRun): ExampleResult {
  expect(r.examples).toHaveLength(1);
  const [e] = r.examples;
  if (e === undefined) throw new Error("no example");
  return e;
}

describe("runBenchmark against scripted models", () => {
  it("a correct model gets every metric right, in eval-set order, with the ideal conversation", async () => {
    const r = await run("correct");
    expect(r.examples.map((e) => e.exampleId)).toEqual(
      fx.examples.map((e) => e.id),
    );
    for (const [i, e] of r.examples.entries()) {
      const ex = fx.examples[i];
      expect(e.status).toBe("completed");
      expect(e.stop).toBe("answered");
      expect(e.metrics.turns).toBe(idealTurns(e.exampleId));
      expect(e.metrics.withinTurnLimit).toBe(1);
      if (ex?.shouldDecline === true) {
        expect(e.metrics).toMatchObject({
          syntactic: null,
          equivalent: null,
          declinedCorrectly: 1,
        });
        expect(e.submissions).toBe(0);
      } else
        expect(e.metrics).toMatchObject({
          syntactic: 1,
          equivalent: 1,
          executionScore: 1,
          declinedCorrectly: null,
        });
      // The toolbox answered every call exactly as it answered the trajectory builder.
      const tools = (m: readonly { role: string; content: string }[]) =>
        m.filter((x) => x.role === "tool").map((x) => x.content);
      expect(tools(e.messages)).toEqual(
        tools(fx.scripted[i]?.trajectory.conversation.messages ?? []),
      );
    }
    // Tokens and cost are what the server reported, per example.
    for (const e of r.examples) {
      const served = server.requests.filter(
        (q) =>
          q.body !== undefined &&
          firstUserMessage(q.body) ===
            e.messages.find((m) => m.role === "user")?.content,
      );
      expect(served).toHaveLength(e.metrics.turns);
      const input = served.reduce(
        (s, q) => s + (q.usage?.prompt_tokens ?? 0),
        0,
      );
      const output = served.reduce(
        (s, q) => s + (q.usage?.completion_tokens ?? 0),
        0,
      );
      expect(e.metrics.inputTokens).toBe(input);
      expect(e.metrics.outputTokens).toBe(output);
      expect(e.metrics.costUsd).toBeCloseTo((input + 2 * output) / 1e6, 12);
    }
    const rate = (m: string) => r.summary.rates.find((x) => x.metric === m);
    expect(rate("syntactic")).toMatchObject({ n: 4, successes: 4, rate: 1 });
    expect(rate("equivalent")).toMatchObject({ n: 4, successes: 4, rate: 1 });
    expect(rate("declinedCorrectly")).toMatchObject({ n: 1, successes: 1 });
    expect(rate("syntactic")?.interval.low).toBeLessThan(1);
    expect(
      r.summary.slices
        .filter((s) => s.dimension === "requestKind")
        .map((s) => [s.key, s.n]),
    ).toEqual([
      ["requestKind=create", 3],
      ["requestKind=edit", 1],
      ["requestKind=question", 1],
    ]);
  });

  it.each([
    ["syntax-error", { syntactic: 0, equivalent: 0, executionScore: 0 }, 1],
    ["wrong-task", { syntactic: 1, equivalent: 0 }, 1],
    ["wrong-config", { syntactic: 1, equivalent: 0 }, 1],
    ["wrong-condition", { syntactic: 1, equivalent: 0 }, 1],
    ["malformed-args", { syntactic: 0, equivalent: 0, executionScore: 0 }, 0],
  ] as const)("%s: gets %o", async (model, expected, submissions) => {
    const e = only(await run(model, [HIGH]));
    expect(e.status).toBe("completed");
    expect(e.metrics).toMatchObject({
      ...expected,
      withinTurnLimit: 1,
      declinedCorrectly: null,
    });
    expect(e.metrics.turns).toBe(idealTurns(HIGH));
    expect(e.submissions).toBe(submissions);
    if (model !== "syntax-error" && model !== "malformed-args")
      expect(e.metrics.executionScore).toBeLessThan(1);
    if (model === "malformed-args") {
      const submit = e.turns
        .flatMap((t) => t.toolCalls)
        .find((c) => c.name === "submit_workflow");
      expect(submit?.outcome).toBe("rejected");
      expect(submit?.answer).toContain("not valid JSON");
    }
  });

  it("a model that calls tools for ever stops at the turn limit", async () => {
    const e = only(await run("loop", [HIGH], { turnLimit: 5 }));
    expect(e.stop).toBe("turn-limit");
    expect(e.metrics).toMatchObject({
      turns: 5,
      withinTurnLimit: 0,
      syntactic: 0,
      equivalent: 0,
    });
    expect(server.requests).toHaveLength(5);
  });

  it("a model that answers a question with a workflow did not decline", async () => {
    const e = only(await run("answers-question", [QUESTION]));
    expect(e.metrics).toMatchObject({
      declinedCorrectly: 0,
      syntactic: null,
      turns: 2,
    });
    expect(e.submissions).toBe(1);
  });

  it("a slow model (timeouts, then answers) gets the correct model's metrics after retries", async () => {
    const e = only(await run("slow", [HIGH], { timeoutMs: 400 }));
    expect(e.metrics).toMatchObject({
      syntactic: 1,
      equivalent: 1,
      turns: idealTurns(HIGH),
    });
    for (const t of e.turns) expect(t.attempts).toBe(2);
  });

  it("a server that keeps failing, or a dead endpoint, fails the run with the code and URL", async () => {
    server.reset(scriptedModels(fx.scripted, models));
    const failing = await runBenchmark({
      examples: fx.examples.slice(0, 2),
      client: scriptedClient(server.baseUrl, "error", { maxRetries: 1 }),
      environment: fx.benchmarkEnv,
    });
    expect(failing.ok).toBe(false);
    expect(failing.diagnostics[0]?.code).toBe(sdkCodes.evalRunEndpointFailed);
    expect(failing.diagnostics[0]?.message).toContain(sdkCodes.llmServerError);
    expect(failing.diagnostics[0]?.message).toContain(server.baseUrl);

    const dead = await startOpenAiTestServer(() => ({ kind: "drop" }));
    const deadUrl = dead.baseUrl;
    await dead.close();
    const refused = await runBenchmark({
      examples: fx.examples.slice(0, 1),
      client: scriptedClient(deadUrl, "correct", { maxRetries: 0 }),
      environment: fx.benchmarkEnv,
    });
    expect(refused.ok).toBe(false);
    expect(refused.diagnostics[0]?.message).toContain(
      sdkCodes.llmConnectionFailed,
    );
    expect(refused.diagnostics[0]?.message).toContain(deadUrl);
  });

  it("an example whose requests fail counts as failed while the others are scored", async () => {
    server.reset(
      scriptedModels(fx.scripted, {
        mixed: { kind: "correct" },
      }),
    );
    const broken = fx.examples[1]?.messages[0];
    const base = scriptedModels(fx.scripted, { mixed: { kind: "correct" } });
    server.reset((body, n) =>
      body.messages?.find((m) => m.role === "user")?.content === broken
        ? { kind: "status", status: 503 }
        : base(body, n),
    );
    const r = await runBenchmark({
      examples: fx.examples.slice(0, 3),
      client: scriptedClient(server.baseUrl, "mixed", { maxRetries: 1 }),
      environment: fx.benchmarkEnv,
    });
    if (!r.ok) throw new Error(r.diagnostics[0]?.message);
    expect(r.value.examples.map((e) => e.status)).toEqual([
      "completed",
      "error",
      "completed",
    ]);
    expect(r.value.examples[1]?.metrics).toMatchObject({
      syntactic: 0,
      equivalent: 0,
    });
    expect(r.value.summary.errors).toBe(1);
    expect(r.diagnostics.map((d) => d.code)).toContain(
      sdkCodes.evalRunExampleFailed,
    );
  });
});
