import {
  InternalError,
  type Diagnostic,
  type Result,
} from "@flowpy/transpiler";
import { sdkCodes, type SdkCode } from "../sdk-codes.js";
import {
  backoffDelay,
  defaultBackoff,
  type BackoffOptions,
} from "./backoff.js";
import type {
  ChatCompletionAnswer,
  ChatCompletionRequestBody,
} from "./chat-completion.js";
import { createArrivalOrder, type Turn } from "./arrival-order.js";
import { createConcurrencyLimiter } from "./concurrency-limiter.js";
import type { ParsedAnswer } from "./parse-chat-answer.js";
import { parseChatAnswer } from "./parse-chat-answer.js";
import {
  createResponseCache,
  requestCacheKey,
  type ResponseCache,
} from "./response-cache.js";
import { sendAttempt, type RetryCause } from "./send-attempt.js";
import {
  createUsageLedger,
  type LlmBudget,
  type LlmUsage,
  type ModelPricing,
} from "./usage-ledger.js";

export interface ChatClientOptions {
  /** The API root, e.g. `http://127.0.0.1:8000/v1`; requests go to `{baseUrl}/chat/completions`. */
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer …` and nowhere else: never cached, logged or reported. */
  readonly apiKey?: string;
  /** The model of every request that names none. */
  readonly model: string;
  /** Requests in flight at once (4 by default). */
  readonly concurrency?: number;
  /** Retries after the first attempt on 429, 5xx, timeouts, dropped connections and malformed answers (4 by default). */
  readonly maxRetries?: number;
  /** Per attempt, until the whole answer is read (120 s by default). */
  readonly timeoutMs?: number;
  readonly backoff?: BackoffOptions;
  /** Where answers are kept by content address; no cache when absent. */
  readonly cacheDir?: string;
  /** Part of every cache key: bump it to ignore earlier answers on purpose. */
  readonly cacheNamespace?: string;
  /** Prices of the client's models; costs are 0 without. */
  readonly pricing?: ModelPricing;
  readonly budget?: LlmBudget;
  /** The global `fetch` by default. */
  readonly fetch?: typeof fetch;
}

export interface ChatClient {
  readonly model: string;
  readonly pricing: ModelPricing | undefined;
  /**
   * One chat completion: from the cache when it holds this request, else from the server
   * within the budget. Every failure is a diagnostic (`llm-…`), never an exception.
   */
  complete(
    request: ChatCompletionRequestBody,
    options?: { readonly signal?: AbortSignal },
  ): Promise<Result<ChatCompletionAnswer>>;
  usage(): LlmUsage;
}

type Body = ChatCompletionRequestBody & { readonly model: string };

/** The code that reports retries running out, by what the last attempt ran into. */
const exhaustedCodes = {
  rate_limited: sdkCodes.llmRateLimited,
  server_error: sdkCodes.llmServerError,
  timeout: sdkCodes.llmTimeout,
  connection: sdkCodes.llmConnectionFailed,
  malformed: sdkCodes.llmMalformedAnswer,
} as const satisfies Record<RetryCause, SdkCode>;

/**
 * An OpenAI-compatible chat client with a concurrency limit, retries with deterministic
 * backoff, per-attempt timeouts, a content-addressed disk cache, token and cost accounting
 * and a hard budget. All state (slots, totals) belongs to the returned client.
 */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const problems = optionProblems(options);
  const url = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const shownUrl = displayUrl(url);
  const backoff = { ...defaultBackoff, ...options.backoff };
  const maxRetries = options.maxRetries ?? 4;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const limiter = createConcurrencyLimiter(options.concurrency ?? 4);
  // Cache reads finish in any order; requests still queue for a slot in call order.
  const arrivals = createArrivalOrder();
  const ledger = createUsageLedger(options.pricing, options.budget);
  const cache: ResponseCache | undefined =
    options.cacheDir === undefined
      ? undefined
      : createResponseCache(options.cacheDir);
  const namespace = options.cacheNamespace ?? "";
  const inFlight = new Map<string, Promise<void>>();
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const headers: Readonly<Record<string, string>> = {
    "content-type": "application/json",
    accept: "application/json",
    ...(options.apiKey === undefined || options.apiKey === ""
      ? {}
      : { authorization: `Bearer ${options.apiKey}` }),
  };
  // A server may echo what it was sent; no diagnostic text carries the key.
  const scrub = (text: string): string =>
    options.apiKey === undefined || options.apiKey === ""
      ? text
      : text.split(options.apiKey).join("[api key]");
  const diagnostic = (
    code: SdkCode,
    message: string,
    severity: Diagnostic["severity"] = "error",
  ): Diagnostic => ({ code, severity, message: scrub(message) });
  const failed = (
    d: Diagnostic,
    warnings: readonly Diagnostic[] = [],
  ): Result<ChatCompletionAnswer> => {
    ledger.failure(d.code === sdkCodes.llmBudgetExhausted);
    return { ok: false, diagnostics: [...warnings, d] };
  };

  const answerOf = (
    parsed: Extract<ParsedAnswer, { kind: "answer" }>,
    fields: {
      readonly model: string;
      readonly cached: boolean;
      readonly cacheKey: string;
      readonly attempts: number;
      readonly latencyMs: number;
    },
    warnings: readonly Diagnostic[],
  ): Result<ChatCompletionAnswer> => {
    const first = parsed.choices[0];
    if (first === undefined)
      throw new InternalError(
        "parseChatAnswer returned an answer without choices",
      );
    const usage = parsed.usage ?? { inputTokens: 0, outputTokens: 0 };
    ledger.answer(fields.model, usage, fields.cached);
    const usageWarning =
      parsed.usage === undefined
        ? [
            diagnostic(
              sdkCodes.llmUsageMissing,
              `the answer from ${shownUrl} reports no token usage; it is counted as 0 tokens and no cost`,
              "warning",
            ),
          ]
        : [];
    return {
      ok: true,
      value: {
        model: fields.model,
        servedModel: parsed.servedModel ?? fields.model,
        message: first.message,
        finishReason: first.finish_reason,
        choices: parsed.choices,
        usage,
        costUsd: fields.cached ? 0 : ledger.cost(usage),
        cached: fields.cached,
        cacheKey: fields.cacheKey,
        attempts: fields.attempts,
        latencyMs: fields.latencyMs,
      },
      diagnostics: [...warnings, ...parsed.warnings, ...usageWarning],
    };
  };

  const fresh = async (
    body: Body,
    cacheKey: string,
    warnings: Diagnostic[],
    signal: AbortSignal | undefined,
    turn?: Turn,
  ): Promise<Result<ChatCompletionAnswer>> => {
    const { model } = body;
    if (turn !== undefined) await turn.ready;
    const acquiring = limiter.acquire(signal);
    turn?.pass();
    if (!(await acquiring))
      return failed(aborted(shownUrl, 0, diagnostic), warnings);
    try {
      // Checked once a slot is held: requests queued behind the one that spent the
      // budget must not start either.
      if (ledger.exhausted())
        return failed(
          diagnostic(
            sdkCodes.llmBudgetExhausted,
            `the budget is spent (${budgetText(ledger.usage(), options.budget)}); no request was sent to ${shownUrl}`,
          ),
          warnings,
        );
      const started = performance.now();
      const text = JSON.stringify(body);
      for (let attempt = 1; ; attempt++) {
        ledger.attempt(attempt > 1);
        const outcome = await sendAttempt({
          fetch: fetchImpl,
          url,
          headers,
          body: text,
          timeoutMs,
          signal,
        });
        const tried = `POST ${shownUrl}, ${attempt} attempt${attempt === 1 ? "" : "s"}`;
        switch (outcome.kind) {
          case "answer": {
            if (cache !== undefined) {
              const problem = await cache.write(cacheKey, model, outcome.raw);
              if (problem !== undefined)
                warnings.push(
                  diagnostic(
                    sdkCodes.llmCacheWriteFailed,
                    `the answer could not be cached as ${cacheKey}: ${problem}`,
                    "warning",
                  ),
                );
            }
            return answerOf(
              outcome.parsed,
              {
                model,
                cached: false,
                cacheKey,
                attempts: attempt,
                latencyMs: Math.round(performance.now() - started),
              },
              warnings,
            );
          }
          case "aborted":
            return failed(aborted(shownUrl, attempt, diagnostic), warnings);
          case "http_error":
            return failed(
              diagnostic(
                sdkCodes.llmHttpError,
                `${tried}: ${outcome.detail} (not retried)`,
              ),
              warnings,
            );
          case "retry": {
            const code = exhaustedCodes[outcome.cause];
            if (attempt > maxRetries)
              return failed(
                diagnostic(
                  code,
                  `${tried}: ${outcome.detail}; no retries left`,
                ),
                warnings,
              );
            const after = outcome.retryAfterMs;
            if (after !== undefined && after > backoff.maxRetryAfterMs)
              return failed(
                diagnostic(
                  code,
                  `${tried}: ${outcome.detail}; the server asks to wait ${after} ms, longer than the ${backoff.maxRetryAfterMs} ms allowed`,
                ),
                warnings,
              );
            const wait = Math.max(
              backoffDelay(backoff, cacheKey, attempt),
              after ?? 0,
            );
            if (!(await sleep(wait, signal)))
              return failed(aborted(shownUrl, attempt, diagnostic), warnings);
            break;
          }
        }
      }
    } finally {
      limiter.release();
    }
  };

  const fromCache = async (
    cache: ResponseCache,
    body: Body,
    cacheKey: string,
    signal: AbortSignal | undefined,
    turn: Turn,
  ): Promise<Result<ChatCompletionAnswer>> => {
    const { model } = body;
    const warnings: Diagnostic[] = [];
    const read = await cache.read(cacheKey);
    if (read.kind === "hit") {
      const parsed = parseChatAnswer(read.answer);
      if (parsed.kind === "answer")
        return answerOf(
          parsed,
          { model, cached: true, cacheKey, attempts: 0, latencyMs: 0 },
          [],
        );
      warnings.push(
        diagnostic(
          sdkCodes.llmCacheUnreadable,
          `cache entry ${cacheKey} is not a chat completion (${parsed.detail}); asking the server again`,
          "warning",
        ),
      );
    } else if (read.kind === "unreadable")
      warnings.push(
        diagnostic(
          sdkCodes.llmCacheUnreadable,
          `cache entry ${cacheKey} cannot be read (${read.detail}); asking the server again`,
          "warning",
        ),
      );
    return fresh(body, cacheKey, warnings, signal, turn);
  };

  return {
    model: options.model,
    pricing: options.pricing,
    usage: () => ledger.usage(),
    async complete(request, callOptions) {
      if (problems.length > 0)
        return failed(
          diagnostic(
            sdkCodes.llmInvalidOptions,
            `the chat client's options are invalid: ${problems.join("; ")}`,
          ),
        );
      const signal = callOptions?.signal;
      const model = request.model ?? options.model;
      const body = { ...request, model };
      const cacheKey = requestCacheKey(body, namespace);
      if (cache === undefined) return fresh(body, cacheKey, [], signal);
      // One request at a time per cache entry: a twin that arrives while the first is in
      // flight waits for it and reads its answer from the cache instead of paying again.
      for (
        let twin = inFlight.get(cacheKey);
        twin !== undefined;
        twin = inFlight.get(cacheKey)
      )
        await twin;
      const turn = arrivals.enter();
      const done = fromCache(cache, body, cacheKey, signal, turn);
      const settled = done.then(
        () => undefined,
        () => undefined,
      );
      inFlight.set(cacheKey, settled);
      try {
        return await done;
      } finally {
        // A cache hit (or a failure) leaves without queueing for a slot.
        turn.pass();
        if (inFlight.get(cacheKey) === settled) inFlight.delete(cacheKey);
      }
    },
  };
}

function aborted(
  shownUrl: string,
  attempts: number,
  diagnostic: (code: SdkCode, message: string) => Diagnostic,
): Diagnostic {
  return diagnostic(
    sdkCodes.llmAborted,
    `the caller cancelled the request to ${shownUrl} after ${attempts} attempt${attempts === 1 ? "" : "s"}`,
  );
}

function budgetText(usage: LlmUsage, budget: LlmBudget | undefined): string {
  const spent = `${usage.fresh.inputTokens + usage.fresh.outputTokens} tokens, $${usage.fresh.costUsd}`;
  const limits = [
    budget?.maxTokens === undefined ? "" : `${budget.maxTokens} tokens`,
    budget?.maxCostUsd === undefined ? "" : `$${budget.maxCostUsd}`,
  ].filter((l) => l !== "");
  return `${spent} of ${limits.join(" or ")}`;
}

/** The URL without credentials or query, which may hold secrets. */
function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(invalid URL)";
  }
}

function optionProblems(o: ChatClientOptions): readonly string[] {
  const out: string[] = [];
  let protocol = "";
  try {
    const url = new URL(o.baseUrl);
    protocol = url.protocol;
    // fetch refuses such URLs; the key belongs in apiKey, where it is never shown.
    if (url.username !== "" || url.password !== "")
      out.push("baseUrl holds credentials; pass the key as apiKey");
  } catch {
    out.push("baseUrl is not a URL");
  }
  if (o.apiKey !== undefined && /[\u0000-\u001f\u007f]/.test(o.apiKey))
    out.push("apiKey holds control characters, which no HTTP header can carry");
  if (protocol !== "" && protocol !== "http:" && protocol !== "https:")
    out.push("baseUrl is not http or https");
  if (o.model.trim() === "") out.push("model is empty");
  const whole = (name: string, v: number | undefined, min: number): void => {
    if (v !== undefined && !(Number.isSafeInteger(v) && v >= min))
      out.push(`${name} must be a whole number of at least ${min}`);
  };
  whole("concurrency", o.concurrency, 1);
  whole("maxRetries", o.maxRetries, 0);
  const positive = (name: string, v: number | undefined): void => {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0))
      out.push(`${name} must be a finite number of at least 0`);
  };
  if (
    o.timeoutMs !== undefined &&
    !(Number.isFinite(o.timeoutMs) && o.timeoutMs > 0)
  )
    out.push("timeoutMs must be a finite number above 0");
  positive("backoff.initialMs", o.backoff?.initialMs);
  positive("backoff.maxMs", o.backoff?.maxMs);
  positive("backoff.maxRetryAfterMs", o.backoff?.maxRetryAfterMs);
  positive("pricing.inputPerMillionUsd", o.pricing?.inputPerMillionUsd);
  positive("pricing.outputPerMillionUsd", o.pricing?.outputPerMillionUsd);
  positive("budget.maxCostUsd", o.budget?.maxCostUsd);
  positive("budget.maxTokens", o.budget?.maxTokens);
  const multiplier = o.backoff?.multiplier;
  if (
    multiplier !== undefined &&
    !(Number.isFinite(multiplier) && multiplier >= 1)
  )
    out.push("backoff.multiplier must be at least 1");
  const jitter = o.backoff?.jitter;
  if (jitter !== undefined && !(jitter >= 0 && jitter <= 1))
    out.push("backoff.jitter must be between 0 and 1");
  if (o.budget?.maxCostUsd !== undefined && o.pricing === undefined)
    out.push("budget.maxCostUsd needs pricing to count costs");
  return out;
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted === true) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (): void => {
      signal?.removeEventListener("abort", stop);
      resolve(true);
    };
    const timer = setTimeout(done, ms);
    const stop = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener("abort", stop, { once: true });
  });
}
