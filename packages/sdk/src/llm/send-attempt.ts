import { retryAfterMs } from "./backoff.js";
import { errorText } from "./error-text.js";
import { parseChatAnswer, type ParsedAnswer } from "./parse-chat-answer.js";

/** Why an attempt is worth repeating. */
export type RetryCause =
  "rate_limited" | "server_error" | "timeout" | "connection" | "malformed";

export type AttemptOutcome =
  | {
      readonly kind: "answer";
      readonly parsed: Extract<ParsedAnswer, { kind: "answer" }>;
      /** The answer as the server sent it (parsed JSON): what the cache keeps. */
      readonly raw: unknown;
    }
  | {
      readonly kind: "retry";
      readonly cause: RetryCause;
      readonly detail: string;
      readonly retryAfterMs?: number;
    }
  | {
      readonly kind: "http_error";
      readonly status: number;
      readonly detail: string;
    }
  | { readonly kind: "aborted" };

export interface Attempt {
  readonly fetch: typeof fetch;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

/** Longest server error text quoted in a diagnostic. */
const DETAIL_LIMIT = 300;

/**
 * One POST, read to the end under one timeout (headers and body alike: a server that
 * stalls mid-body is as slow as one that never answers). Never throws.
 */
export async function sendAttempt(attempt: Attempt): Promise<AttemptOutcome> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), attempt.timeoutMs);
  const signal =
    attempt.signal === undefined
      ? timeout.signal
      : AbortSignal.any([attempt.signal, timeout.signal]);
  try {
    const response = await attempt.fetch(attempt.url, {
      method: "POST",
      headers: attempt.headers,
      body: attempt.body,
      signal,
    });
    const text = await response.text();
    if (response.ok) return readAnswer(text);
    const detail = `HTTP ${response.status}${serverMessage(text)}`;
    if (response.status === 429 || response.status >= 500) {
      const after = retryAfterMs(response.headers, Date.now());
      return {
        kind: "retry",
        cause: response.status === 429 ? "rate_limited" : "server_error",
        detail,
        ...(after === undefined ? {} : { retryAfterMs: after }),
      };
    }
    return { kind: "http_error", status: response.status, detail };
  } catch (e) {
    if (attempt.signal?.aborted === true) return { kind: "aborted" };
    if (timeout.signal.aborted)
      return {
        kind: "retry",
        cause: "timeout",
        detail: `no complete answer within ${attempt.timeoutMs} ms`,
      };
    return { kind: "retry", cause: "connection", detail: errorText(e) };
  } finally {
    clearTimeout(timer);
  }
}

function readAnswer(text: string): AttemptOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return {
      kind: "retry",
      cause: "malformed",
      detail: `the answer is not JSON: ${quote(text)}`,
    };
  }
  const parsed = parseChatAnswer(raw);
  return parsed.kind === "answer"
    ? { kind: "answer", parsed, raw }
    : { kind: "retry", cause: "malformed", detail: parsed.detail };
}

/** The server's `error.message` when the body has one, else the start of the body. */
function serverMessage(text: string): string {
  if (text.trim() === "") return "";
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && "error" in value) {
      const error: unknown = value.error;
      const message =
        typeof error === "object" && error !== null && "message" in error
          ? error.message
          : error;
      if (typeof message === "string") return `: ${quote(message)}`;
    }
  } catch {
    // Not JSON: quote the text itself.
  }
  return `: ${quote(text)}`;
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(
    line.length > DETAIL_LIMIT ? `${line.slice(0, DETAIL_LIMIT)}…` : line,
  );
}
