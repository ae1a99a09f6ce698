import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { flowToPython } from "@flowpy/transpiler";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createChatClient,
  defaultRequestPromptVersion,
  llmRequestSynthesizer,
  qwen3Tokenizer,
  renderConversation,
  requestPromptTemplate,
  requestStyles,
  sdkCodes,
  type ChatClientOptions,
  type RequestStyle,
} from "../../src/index.js";
import {
  startOpenAiTestServer,
  type ChatBody,
  type OpenAiTestServer,
  type ScriptedReply,
} from "../support/openai-test-server.js";
import { corpusWorkflows } from "../trajectory/corpus-workflows.js";

const pricing = { inputPerMillionUsd: 2, outputPerMillionUsd: 8 };
const styles = [...requestStyles];
const corpus = corpusWorkflows();
const workflows = [
  "order-tagging/add-free-gift-over-100",
  "foreach/bulk-buy-product-tags",
  "customers/tag-lapsed-segment-members",
].map((name) => corpus.find((w) => w.name === name)?.text ?? "");
/** Loading the Qwen3 vocabulary takes seconds on a busy machine: a hang guard, not a speed test. */
const tokenizerTimeout = 60_000;
const template = requestPromptTemplate(defaultRequestPromptVersion);

/** The styles the prompt (or the repair message) lists, in order. */
function askedStyles(body: ChatBody): RequestStyle[] {
  const last = body.messages?.at(-1)?.content ?? "";
  return [...last.matchAll(/^\d+\. ([a-z_]+)$/gm)].map(
    (m) => m[1] as RequestStyle,
  );
}

/** A scripted writer that answers what was asked, each text naming its style and the round. */
function goodAnswer(body: ChatBody): ScriptedReply {
  const round = body.messages?.length ?? 0;
  return {
    kind: "text",
    content: JSON.stringify({
      requests: askedStyles(body).map((style, i) => ({
        style,
        text: `When an order is created, please tag it (${style} request ${i + 1}, round ${round}).`,
      })),
    }),
  };
}

let server: OpenAiTestServer;
const dirs: string[] = [];
beforeAll(async () => {
  server = await startOpenAiTestServer(goodAnswer);
});
afterAll(async () => {
  await server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
beforeEach(() => server.reset(goodAnswer));

function client(overrides: Partial<ChatClientOptions> = {}) {
  return createChatClient({
    baseUrl: server.baseUrl,
    apiKey: "sk-synth-secret",
    model: "writer-large",
    maxRetries: 1,
    backoff: { initialMs: 1, maxMs: 2 },
    pricing,
    ...overrides,
  });
}

function workflow(i: number): string {
  const w = workflows[i];
  if (w === undefined) throw new Error(`corpus workflow ${i} missing`);
  return w;
}

// Whole-corpus and tokenizer work: generous hang guards for a busy machine.
describe("LLM request synthesizer", { timeout: 60_000 }, () => {
  it("sends the versioned prompt with the workflow's Python and labels, and returns checked requests", async () => {
    const synth = llmRequestSynthesizer(client());
    expect(synth.id).toBe("llm:writer-large");
    const json = workflow(0);
    const result = await synth.write({ workflowJson: json, styles, seed: 42 });
    if (!result.ok) throw new Error(result.diagnostics[0]?.message);
    expect(result.value.map((r) => r.style)).toEqual(styles);
    expect(template).toBeDefined();
    for (const r of result.value)
      expect(r).toMatchObject({
        writer: "writer-large",
        promptVersion: "request-synthesis/v1",
        promptSha256: template?.sha256,
        cached: false,
      });
    expect(server.requests).toHaveLength(1);
    const body = server.requests[0]?.body;
    expect(body?.["seed"]).toBe(42);
    expect(body?.["response_format"]).toEqual({ type: "json_object" });
    const python = flowToPython(json);
    if (!python.ok) throw new Error("corpus workflow does not print");
    const prompt = body?.messages?.[1]?.content ?? "";
    expect(prompt).toContain(python.value.python.trimEnd());
    expect(prompt).toContain("- Trigger: Order created");
    expect(prompt).toContain("- Action: Add order tags");
    // Only the Python form and labels: the JSON itself never reaches the writer.
    expect(server.requests[0]?.rawBody).not.toContain("config_field_values");
    expect(askedStyles(body ?? {})).toEqual(styles);
  });

  it("sends an unusable answer back with its problems, a bounded number of times", async () => {
    server.reset((body, n) =>
      n === 1
        ? { kind: "text", content: "Sure! Here are some requests for you." }
        : n === 2
          ? {
              kind: "text",
              content: JSON.stringify({
                requests: [{ style: "terse", text: "Tag orders." }],
              }),
            }
          : goodAnswer(body),
    );
    const synth = llmRequestSynthesizer(client());
    const result = await synth.write({
      workflowJson: workflow(1),
      styles: ["vague", "terse"],
      seed: 1,
    });
    if (!result.ok) throw new Error(result.diagnostics[0]?.message);
    expect(result.value.map((r) => r.style)).toEqual(["vague", "terse"]);
    expect(server.requests).toHaveLength(3);
    const second = server.requests[1]?.body?.messages ?? [];
    expect(second.map((m) => m.role)).toEqual([
      "system",
      "user",
      "assistant",
      "user",
    ]);
    expect(second[2]?.content).toBe("Sure! Here are some requests for you.");
    expect(second[3]?.content).toContain("- the answer is not a JSON object");
    const third = server.requests[2]?.body?.messages ?? [];
    expect(third).toHaveLength(6);
    expect(third[5]?.content).toContain("- 0 vague requests instead of 1");

    server.reset(() => ({ kind: "text", content: '{"requests": []}' }));
    const stubborn = await llmRequestSynthesizer(client(), {
      maxRepairs: 1,
    }).write({ workflowJson: workflow(1), styles: ["terse"], seed: 1 });
    expect(stubborn.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.requestAnswerInvalid,
    ]);
    expect(stubborn.diagnostics[0]?.message).toContain("in 2 answers");
    expect(stubborn.diagnostics[0]?.message).toContain(
      "0 terse requests instead of 1",
    );
    expect(server.requests).toHaveLength(2);
  });

  it("replays a re-run, repairs included, from the cache at no cost", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "flowpy-synth-"));
    dirs.push(cacheDir);
    // Every first answer misses a style, so each workflow takes a repair round.
    const script = (body: ChatBody) =>
      (body.messages?.length ?? 0) === 2
        ? { kind: "text" as const, content: '{"requests": []}' }
        : goodAnswer(body);
    server.reset(script);
    const inputs = workflows.map((workflowJson, i) => ({
      workflowJson,
      styles,
      seed: i,
    }));
    const first = llmRequestSynthesizer(client({ cacheDir }));
    const run1 = await Promise.all(inputs.map((i) => first.write(i)));
    expect(server.requests).toHaveLength(2 * inputs.length);

    server.reset(script);
    const again = client({ cacheDir });
    const run2 = await Promise.all(
      inputs.map((i) => llmRequestSynthesizer(again).write(i)),
    );
    expect(server.requests).toHaveLength(0);
    expect(run2.map((r) => r.ok && r.value.map((q) => q.text))).toEqual(
      run1.map((r) => r.ok && r.value.map((q) => q.text)),
    );
    expect(run2.every((r) => r.ok && r.value.every((q) => q.cached))).toBe(
      true,
    );
    expect(again.usage().fresh.costUsd).toBe(0);
    expect(again.usage().cached.requests).toBe(2 * inputs.length);
  });

  it("stops cleanly at the client's budget and passes client errors on", async () => {
    const c = client({ concurrency: 1, budget: { maxTokens: 1 } });
    const synth = llmRequestSynthesizer(c);
    const results = await Promise.all(
      workflows.map((workflowJson) =>
        synth.write({ workflowJson, styles: ["terse"], seed: 3 }),
      ),
    );
    expect(results.map((r) => r.ok)).toEqual([true, false, false]);
    for (const r of results.slice(1))
      expect(r.diagnostics.map((d) => d.code)).toEqual([
        sdkCodes.llmBudgetExhausted,
      ]);
    expect(server.requests).toHaveLength(1);

    server.reset(() => ({ kind: "status", status: 400 }));
    const refused = await llmRequestSynthesizer(client()).write({
      workflowJson: workflow(0),
      styles: ["terse"],
      seed: 3,
    });
    expect(refused.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.llmHttpError,
    ]);
  });

  it("rejects unusable input and workflows before sending anything", async () => {
    const cases = [
      llmRequestSynthesizer(client(), { promptVersion: "nope/v9" }).write({
        workflowJson: workflow(0),
        styles,
        seed: 1,
      }),
      llmRequestSynthesizer(client()).write({
        workflowJson: workflow(0),
        styles: [],
        seed: 1,
      }),
    ];
    for (const result of await Promise.all(cases))
      expect(result.diagnostics.map((d) => d.code)).toEqual([
        sdkCodes.requestInvalidInput,
      ]);
    const broken = await llmRequestSynthesizer(client()).write({
      workflowJson: '{"root": {"steps": 3}}',
      styles,
      seed: 1,
    });
    expect(broken.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.requestWorkflowInvalid,
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it(
    "estimates the prompt's tokens within a few percent of the Qwen3 rendering, and its cost",
    async () => {
      const synth = llmRequestSynthesizer(client());
      for (const json of workflows) {
        const input = { workflowJson: json, styles, seed: 1 };
        const estimate = synth.estimate(input);
        const written = await synth.write(input);
        expect(written.ok).toBe(true);
        const [system, user] = server.requests.at(-1)?.body?.messages ?? [];
        const rendered = renderConversation(
          {
            messages: [
              { role: "system", content: system?.content ?? "" },
              { role: "user", content: user?.content ?? "" },
            ],
            tools: [],
          },
          { enableThinking: false, addGenerationPrompt: true },
        );
        if (!rendered.ok) throw new Error("the prompt does not render");
        const exact = qwen3Tokenizer().encode(rendered.value).length;
        expect(Math.abs(estimate.inputTokens - exact) / exact).toBeLessThan(
          0.05,
        );
        expect(estimate.outputTokens).toBeGreaterThan(0);
        expect(estimate.costUsd).toBe(
          (estimate.inputTokens * pricing.inputPerMillionUsd +
            estimate.outputTokens * pricing.outputPerMillionUsd) /
            1e6,
        );
      }
    },
    tokenizerTimeout,
  );
});
