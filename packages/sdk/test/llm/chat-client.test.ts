import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createChatClient,
  requestCacheKey,
  sdkCodes,
  type ChatClientOptions,
  type ChatCompletionRequestBody,
} from "../../src/index.js";
import {
  startOpenAiTestServer,
  type OpenAiTestServer,
  type Script,
} from "../support/openai-test-server.js";

const API_KEY = "sk-test-7c1e0f-NEVER-STORE-ME";
const pricing = { inputPerMillionUsd: 3, outputPerMillionUsd: 15 };
const echo: Script = (body) => ({
  kind: "text",
  content: `echo: ${body.messages?.at(-1)?.content ?? ""}`,
});

let server: OpenAiTestServer;
const dirs: string[] = [];

beforeAll(async () => {
  server = await startOpenAiTestServer(echo);
});
afterAll(async () => {
  await server.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
beforeEach(() => server.reset(echo));

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "flowpy-llm-"));
  dirs.push(d);
  return d;
}

function client(overrides: Partial<ChatClientOptions> = {}) {
  return createChatClient({
    baseUrl: server.baseUrl,
    apiKey: API_KEY,
    model: "writer-large",
    concurrency: 4,
    maxRetries: 3,
    timeoutMs: 5_000,
    backoff: { initialMs: 1, maxMs: 4 },
    pricing,
    ...overrides,
  });
}

const ask = (text: string): ChatCompletionRequestBody => ({
  messages: [
    { role: "system", content: "You write requests." },
    { role: "user", content: text },
  ],
  temperature: 0.7,
});

/** Every file below `dir`, relative. */
function filesBelow(dir: string): readonly string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** The cost the client must report for the usage the server sent. */
function expectedCost(s: OpenAiTestServer): number {
  const input = s.requests.reduce(
    (n, r) => n + (r.usage?.prompt_tokens ?? 0),
    0,
  );
  const output = s.requests.reduce(
    (n, r) => n + (r.usage?.completion_tokens ?? 0),
    0,
  );
  return (
    (input * pricing.inputPerMillionUsd +
      output * pricing.outputPerMillionUsd) /
    1e6
  );
}

describe("chat client: answers and accounting", () => {
  it("sends the OpenAI body with the client's model and the key as a bearer header only", async () => {
    const c = client();
    const result = await c.complete(ask("tag VIP orders"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.message).toEqual({
      role: "assistant",
      content: "echo: tag VIP orders",
    });
    expect(result.value.cached).toBe(false);
    expect(result.value.attempts).toBe(1);
    expect(server.requests).toHaveLength(1);
    const [r] = server.requests;
    expect(r?.path).toBe("/v1/chat/completions");
    expect(r?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(r?.body).toEqual({
      ...ask("tag VIP orders"),
      model: "writer-large",
    });
    expect(r?.rawBody).not.toContain(API_KEY);
    expect(result.value.usage).toEqual({
      inputTokens: r?.usage?.prompt_tokens,
      outputTokens: r?.usage?.completion_tokens,
    });
    expect(result.value.costUsd).toBe(expectedCost(server));
  });

  it("accounts tokens and cost exactly as the server's usage says, by model", async () => {
    const c = client();
    const texts = ["a", "bb ".repeat(40), "ccc".repeat(333), "d".repeat(1001)];
    await Promise.all(texts.map((t) => c.complete(ask(t))));
    await c.complete({ ...ask("other model"), model: "writer-small" });
    const usage = c.usage();
    const sent = server.requests.map((r) => r.usage);
    expect(usage.fresh).toEqual({
      requests: 5,
      inputTokens: sent.reduce((n, u) => n + (u?.prompt_tokens ?? 0), 0),
      outputTokens: sent.reduce((n, u) => n + (u?.completion_tokens ?? 0), 0),
      costUsd: expectedCost(server),
    });
    expect(usage.byModel.map((m) => [m.model, m.fresh.requests])).toEqual([
      ["writer-large", 4],
      ["writer-small", 1],
    ]);
    expect(usage.cached.requests).toBe(0);
    expect(usage.attempts).toBe(5);
    expect(usage.retries).toBe(0);
  });

  it("returns tool calls, keeps non-JSON arguments verbatim with a warning, and does not retry them", async () => {
    server.reset(() => ({
      kind: "tool_calls",
      calls: [
        { name: "search_tasks", arguments: '{"query": "tag order"}' },
        { name: "get_path", arguments: '{"path": order.id' },
      ],
    }));
    const result = await client().complete(ask("use tools"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.message.content).toBe("");
    expect(result.value.message.tool_calls?.map((t) => t.function)).toEqual([
      { name: "search_tasks", arguments: '{"query": "tag order"}' },
      { name: "get_path", arguments: '{"path": order.id' },
    ]);
    expect(result.value.finishReason).toBe("tool_calls");
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.path])).toEqual(
      [
        [
          sdkCodes.llmToolArgumentsInvalid,
          "warning",
          ["choices", 0, "message", "tool_calls", 1, "function"],
        ],
      ],
    );
    expect(server.requests).toHaveLength(1);
  });

  it("keeps every choice of an n-sample answer and the reasoning text", async () => {
    server.reset(() => ({
      kind: "text",
      content: "first",
      moreChoices: ["second", "third"],
      reasoning: "thinking…",
    }));
    const result = await client().complete({ ...ask("sample"), n: 3 });
    if (!result.ok) throw new Error(result.diagnostics[0]?.message);
    expect(result.value.choices.map((c) => c.message.content)).toEqual([
      "first",
      "second",
      "third",
    ]);
    expect(result.value.message.reasoning_content).toBe("thinking…");
  });

  it("reports an answer without usage as a warning and counts it as free", async () => {
    server.reset(() => ({ kind: "text", content: "ok", omitUsage: true }));
    const c = client();
    const result = await c.complete(ask("no usage"));
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.llmUsageMissing,
    ]);
    expect(c.usage().fresh).toEqual({
      requests: 1,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
    });
  });

  it("returns a diagnostic, never throws, for unusable options", async () => {
    const bad = [
      { baseUrl: "not a url" },
      { baseUrl: "ftp://127.0.0.1/v1" },
      { model: " " },
      { concurrency: 0 },
      { maxRetries: -1 },
      { timeoutMs: 0 },
      { backoff: { jitter: 2 } },
      { baseUrl: "http://user:secret@127.0.0.1/v1" },
      { apiKey: "sk-line\nbreak" },
    ] satisfies Partial<ChatClientOptions>[];
    for (const overrides of bad) {
      const result = await client(overrides).complete(ask("x"));
      expect(result.ok, JSON.stringify(overrides)).toBe(false);
      expect(result.diagnostics.map((d) => d.code)).toEqual([
        sdkCodes.llmInvalidOptions,
      ]);
    }
    const unpriced = createChatClient({
      baseUrl: server.baseUrl,
      model: "m",
      budget: { maxCostUsd: 1 },
    });
    expect(
      (await unpriced.complete(ask("x"))).diagnostics[0]?.message,
    ).toContain("budget.maxCostUsd needs pricing");
    expect(server.requests).toHaveLength(0);
  });
});

describe("chat client: retries", () => {
  it("retries 429s, honouring retry-after-ms, then succeeds", async () => {
    server.reset((_, n) =>
      n <= 2
        ? { kind: "status", status: 429, headers: { "retry-after-ms": "150" } }
        : { kind: "text", content: "finally" },
    );
    const c = client();
    const started = performance.now();
    const result = await c.complete(ask("busy"));
    const elapsed = performance.now() - started;
    if (!result.ok) throw new Error(result.diagnostics[0]?.message);
    expect(result.value.attempts).toBe(3);
    expect(server.requests).toHaveLength(3);
    // Two waits of at least the 150 ms asked for (the backoff alone is ≤ 4 ms).
    expect(elapsed).toBeGreaterThanOrEqual(300);
    expect(c.usage()).toMatchObject({ attempts: 3, retries: 2, failed: 0 });
  });

  it("honours Retry-After in seconds", async () => {
    server.reset((_, n) =>
      n === 1
        ? { kind: "status", status: 429, headers: { "retry-after": "1" } }
        : { kind: "text", content: "ok" },
    );
    const started = performance.now();
    const result = await client().complete(ask("slow down"));
    expect(result.ok).toBe(true);
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it("gives up on a Retry-After longer than allowed, without waiting it out", async () => {
    server.reset(() => ({
      kind: "status",
      status: 429,
      headers: { "retry-after": "3600" },
    }));
    const result = await client().complete(ask("come back in an hour"));
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]?.code).toBe(sdkCodes.llmRateLimited);
    expect(result.diagnostics[0]?.message).toContain("3600000 ms");
    expect(server.requests).toHaveLength(1);
  });

  it("reports rate limiting with the URL and the attempt count once retries run out", async () => {
    server.reset(() => ({ kind: "status", status: 429 }));
    const c = client({ maxRetries: 2 });
    const result = await c.complete(ask("always busy"));
    expect(result.ok).toBe(false);
    const [d] = result.diagnostics;
    expect(d?.code).toBe(sdkCodes.llmRateLimited);
    expect(d?.message).toContain(`${server.baseUrl}/chat/completions`);
    expect(d?.message).toContain("3 attempts");
    expect(server.requests).toHaveLength(3);
    expect(c.usage()).toMatchObject({ attempts: 3, retries: 2, failed: 1 });
  });

  it("retries 500 and 503, and reports a server error when they persist", async () => {
    server.reset((_, n) =>
      n === 1
        ? { kind: "status", status: 500 }
        : n === 2
          ? { kind: "status", status: 503 }
          : { kind: "text", content: "recovered" },
    );
    const recovered = await client().complete(ask("flaky"));
    expect(recovered.ok && recovered.value.attempts).toBe(3);

    server.reset(() => ({ kind: "status", status: 500 }));
    const result = await client({ maxRetries: 1 }).complete(ask("down"));
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.llmServerError,
    ]);
    expect(result.diagnostics[0]?.message).toContain("HTTP 500");
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry other 4xx, and never shows the key even when the server echoes it", async () => {
    server.reset(() => ({
      kind: "status",
      status: 401,
      body: JSON.stringify({ error: { message: `invalid key ${API_KEY}` } }),
    }));
    const result = await client().complete(ask("who am i"));
    expect(result.ok).toBe(false);
    const [d] = result.diagnostics;
    expect(d?.code).toBe(sdkCodes.llmHttpError);
    expect(d?.message).toContain("HTTP 401");
    expect(d?.message).toContain("invalid key [api key]");
    expect(JSON.stringify(result)).not.toContain(API_KEY);
    expect(server.requests).toHaveLength(1);
  });

  it("times out slow answers per attempt and retries them", async () => {
    server.reset((_, n) =>
      n === 1
        ? { kind: "text", content: "late", delayMs: 5_000 }
        : { kind: "text", content: "on time" },
    );
    const c = client({ timeoutMs: 400 });
    const result = await c.complete(ask("hurry"));
    if (!result.ok) throw new Error(result.diagnostics[0]?.message);
    expect(result.value.message.content).toBe("on time");
    expect(result.value.attempts).toBe(2);

    server.reset(() => ({ kind: "text", content: "late", delayMs: 5_000 }));
    const started = performance.now();
    const slow = await client({ timeoutMs: 400, maxRetries: 1 }).complete(
      ask("too slow"),
    );
    expect(slow.diagnostics.map((d) => d.code)).toEqual([sdkCodes.llmTimeout]);
    expect(slow.diagnostics[0]?.message).toContain("2 attempts");
    expect(server.requests).toHaveLength(2);
    // Cut off long before the 5 s the server takes (a generous bound for a busy machine).
    expect(performance.now() - started).toBeLessThan(4_000);
  });

  it("retries malformed answers (not JSON, no choices[0].message) a bounded number of times", async () => {
    server.reset((_, n) =>
      n === 1
        ? { kind: "malformed", body: "<html>502 Bad Gateway</html>" }
        : n === 2
          ? { kind: "malformed", body: JSON.stringify({ choices: [] }) }
          : { kind: "text", content: "fine" },
    );
    const result = await client().complete(ask("garbled"));
    expect(result.ok && result.value.attempts).toBe(3);

    server.reset(() => ({
      kind: "malformed",
      body: JSON.stringify({ choices: [{ index: 0 }] }),
    }));
    const bad = await client({ maxRetries: 2 }).complete(ask("always garbled"));
    expect(bad.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.llmMalformedAnswer,
    ]);
    expect(bad.diagnostics[0]?.message).toContain("no message");
    expect(server.requests).toHaveLength(3);
  });

  it("retries dropped connections, before and during the body", async () => {
    server.reset((_, n) =>
      n === 1
        ? { kind: "drop" }
        : n === 2
          ? { kind: "drop_mid_body", content: "x".repeat(2_000) }
          : { kind: "text", content: "made it" },
    );
    const result = await client().complete(ask("unstable"));
    if (!result.ok) throw new Error(result.diagnostics[0]?.message);
    expect(result.value.attempts).toBe(3);
    expect(result.value.message.content).toBe("made it");

    server.reset(() => ({ kind: "drop" }));
    const dropped = await client({ maxRetries: 1 }).complete(ask("gone"));
    expect(dropped.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.llmConnectionFailed,
    ]);
  });

  it("reports a refused connection", async () => {
    const closed = await startOpenAiTestServer(echo);
    const baseUrl = closed.baseUrl;
    await closed.close();
    const result = await client({ baseUrl, maxRetries: 1 }).complete(ask("x"));
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.llmConnectionFailed,
    ]);
    expect(result.diagnostics[0]?.message).toContain("2 attempts");
  });

  it("stops at once when the caller aborts, waiting or in flight", async () => {
    server.reset(() => ({ kind: "text", content: "late", delayMs: 5_000 }));
    const controller = new AbortController();
    const c = client({ concurrency: 1 });
    const started = performance.now();
    const first = c.complete(ask("one"), { signal: controller.signal });
    const queued = c.complete(ask("two"), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const results = await Promise.all([first, queued]);
    expect(results.map((r) => r.diagnostics.map((d) => d.code))).toEqual([
      [sdkCodes.llmAborted],
      [sdkCodes.llmAborted],
    ]);
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(server.requests).toHaveLength(1);
  });
});

describe("chat client: concurrency, cache and budget", () => {
  it("never has more requests in flight than its limit", async () => {
    server.reset(() => ({ kind: "text", content: "ok", delayMs: 30 }));
    const c = client({ concurrency: 3 });
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => c.complete(ask(`job ${i}`))),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    expect(server.requests).toHaveLength(12);
    expect(server.maxInFlight()).toBe(3);
  });

  it("answers a re-run from the cache: no request sent, no cost, the same answers", async () => {
    const cacheDir = tempDir();
    const first = client({ cacheDir });
    const prompts = ["alpha", "beta", "gamma", "delta", "alpha"];
    const run1 = await Promise.all(prompts.map((p) => first.complete(ask(p))));
    // The second "alpha" waits for the first and reads its answer from the cache.
    expect(server.requests).toHaveLength(4);
    expect(run1.map((r) => r.ok && r.value.cached)).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(first.usage().fresh.costUsd).toBe(expectedCost(server));

    server.reset(echo);
    const again = client({ cacheDir });
    const run2 = await Promise.all(prompts.map((p) => again.complete(ask(p))));
    expect(server.requests).toHaveLength(0);
    expect(run2.map((r) => r.ok && r.value.message)).toEqual(
      run1.map((r) => r.ok && r.value.message),
    );
    expect(
      run2.every((r) => r.ok && r.value.cached && r.value.costUsd === 0),
    ).toBe(true);
    const usage = again.usage();
    expect(usage.fresh).toEqual({
      requests: 0,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
    });
    expect(usage.cached.requests).toBe(5);
    expect(usage.cached.costUsd).toBe(0);
    expect(usage.attempts).toBe(0);

    // Another namespace (or other sampling settings) is another request.
    const other = client({ cacheDir, cacheNamespace: "v2" });
    await other.complete(ask("alpha"));
    await again.complete({ ...ask("alpha"), temperature: 0.2 });
    expect(server.requests).toHaveLength(2);
  });

  it("names cache entries by the canonical request, whatever the key order", () => {
    const a = requestCacheKey(
      {
        model: "m",
        messages: [{ role: "user", content: "x" }],
        temperature: 1,
      },
      "",
    );
    const b = requestCacheKey(
      {
        temperature: 1,
        messages: [{ content: "x", role: "user" }],
        model: "m",
      },
      "",
    );
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(requestCacheKey({ model: "m", messages: [] }, "ns")).not.toBe(
      requestCacheKey({ model: "m", messages: [] }, ""),
    );
  });

  it("never writes the API key into the cache", async () => {
    const cacheDir = tempDir();
    server.reset(() => ({
      kind: "tool_calls",
      calls: [{ name: "f", arguments: "{}" }],
      content: "calling",
    }));
    const c = client({ cacheDir });
    for (const p of ["one", "two", "three"]) await c.complete(ask(p));
    const files = filesBelow(cacheDir);
    expect(files).toHaveLength(3);
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain("NEVER-STORE-ME");
    }
    expect(
      server.requests.every(
        (r) => r.headers.authorization === `Bearer ${API_KEY}`,
      ),
    ).toBe(true);
  });

  it("treats a damaged cache entry as a miss, says so, and repairs it", async () => {
    const cacheDir = tempDir();
    const c = client({ cacheDir });
    await c.complete(ask("fragile"));
    const [file] = filesBelow(cacheDir);
    if (file === undefined) throw new Error("no cache entry written");
    writeFileSync(file, '{"format": "flowpy-llm-cache/1", "answ');
    const again = await client({ cacheDir }).complete(ask("fragile"));
    expect(again.ok && again.value.cached).toBe(false);
    expect(again.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.llmCacheUnreadable,
    ]);
    const third = await client({ cacheDir }).complete(ask("fragile"));
    expect(third.ok && third.value.cached).toBe(true);
    expect(server.requests).toHaveLength(2);
  });

  it("returns the answer with a warning when it cannot be cached, leaving no temporary file", async () => {
    const dir = tempDir();
    const blocked = join(dir, "not-a-directory");
    writeFileSync(blocked, "a file where the cache should be");
    const result = await client({ cacheDir: blocked }).complete(
      ask("uncachable"),
    );
    expect(result.ok).toBe(true);
    // Reading fails too (the path is no folder): both are reported, neither stops the answer.
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([
      [sdkCodes.llmCacheUnreadable, "warning"],
      [sdkCodes.llmCacheWriteFailed, "warning"],
    ]);
    expect(filesBelow(dir)).toEqual([blocked]);
  });

  it("stops at the budget: the exact number of requests, a clean diagnostic, only whole cache files", async () => {
    const cacheDir = tempDir();
    // Equal-length prompts and a fixed reply: every request costs the same.
    server.reset(() => ({
      kind: "text",
      content: "a request of fixed length",
    }));
    const prompts = Array.from({ length: 8 }, (_, i) => `workflow number ${i}`);
    const probe = client();
    await probe.complete(ask(prompts[0] ?? ""));
    const one = probe.usage().fresh;
    const perRequestTokens = one.inputTokens + one.outputTokens;
    server.reset(() => ({
      kind: "text",
      content: "a request of fixed length",
    }));

    const c = client({
      cacheDir,
      concurrency: 1,
      budget: { maxCostUsd: one.costUsd * 2.5 },
    });
    const results = await Promise.all(prompts.map((p) => c.complete(ask(p))));
    expect(server.requests).toHaveLength(3);
    expect(results.map((r) => r.ok)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
    for (const r of results.slice(3)) {
      expect(r.diagnostics.map((d) => d.code)).toEqual([
        sdkCodes.llmBudgetExhausted,
      ]);
      expect(r.diagnostics[0]?.message).toContain("no request was sent");
    }
    const usage = c.usage();
    expect(usage).toMatchObject({
      budgetExhausted: true,
      refusedByBudget: 5,
      failed: 5,
    });
    expect(usage.fresh.costUsd).toBe(expectedCost(server));
    const files = filesBelow(cacheDir);
    expect(files).toHaveLength(3);
    expect(files.filter((f) => !f.endsWith(".json"))).toEqual([]);
    for (const f of files)
      expect(() => JSON.parse(readFileSync(f, "utf8"))).not.toThrow();

    // A token budget stops the same way; requests in flight when it is reached finish.
    server.reset(() => ({
      kind: "text",
      content: "a request of fixed length",
      delayMs: 20,
    }));
    const parallel = client({
      concurrency: 4,
      budget: { maxTokens: perRequestTokens },
    });
    const batch = await Promise.all(
      prompts.map((p) => parallel.complete(ask(p))),
    );
    expect(server.requests).toHaveLength(4);
    expect(batch.filter((r) => r.ok)).toHaveLength(4);
    expect(parallel.usage().fresh.requests).toBe(4);
  });

  it("still serves cache hits once the budget is spent", async () => {
    const cacheDir = tempDir();
    await client({ cacheDir }).complete(ask("kept"));
    server.reset(echo);
    const c = client({ cacheDir, budget: { maxTokens: 1 } });
    await c.complete(ask("fresh"));
    const hit = await c.complete(ask("kept"));
    const refused = await c.complete(ask("another"));
    expect(hit.ok && hit.value.cached).toBe(true);
    expect(refused.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.llmBudgetExhausted,
    ]);
    expect(server.requests).toHaveLength(1);
  });
});
