import { createHash } from "node:crypto";

/** How long to wait before a retry. */
export interface BackoffOptions {
  /** The wait before the first retry, before jitter (500 ms by default). */
  readonly initialMs?: number;
  /** Each further retry waits this many times longer (2 by default). */
  readonly multiplier?: number;
  /** No computed wait exceeds this (30 s by default). */
  readonly maxMs?: number;
  /** Share of the wait taken off at random, 0…1 (0.25 by default). */
  readonly jitter?: number;
  /** A `Retry-After` longer than this ends the request instead of waiting (120 s by default). */
  readonly maxRetryAfterMs?: number;
}

export const defaultBackoff: Required<BackoffOptions> = {
  initialMs: 500,
  multiplier: 2,
  maxMs: 30_000,
  jitter: 0.25,
  maxRetryAfterMs: 120_000,
};

/**
 * The wait before retry number `retry` (1-based) of the request `key`. The jitter is a hash
 * of the key and the retry, not a random draw: concurrent requests still spread out (their
 * keys differ) and a re-run waits exactly as long as the first run did.
 */
export function backoffDelay(
  options: Required<BackoffOptions>,
  key: string,
  retry: number,
): number {
  const base = Math.min(
    options.maxMs,
    options.initialMs * options.multiplier ** (retry - 1),
  );
  const digest = createHash("sha256").update(`${key}\u0000${retry}`).digest();
  const fraction = digest.readUInt32BE(0) / 0x1_0000_0000;
  return Math.round(base * (1 - options.jitter * fraction));
}

/**
 * The wait a 429 or 503 answer asks for: OpenAI's `retry-after-ms` first, then the
 * standard `Retry-After` in seconds or as an HTTP date; undefined when neither is usable.
 */
export function retryAfterMs(
  headers: Headers,
  now: number,
): number | undefined {
  const msText = headers.get("retry-after-ms") ?? "";
  const ms = msText.trim() === "" ? Number.NaN : Number(msText);
  if (Number.isFinite(ms) && ms >= 0) return Math.ceil(ms);
  const text = headers.get("retry-after");
  if (text === null || text.trim() === "") return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds) && seconds >= 0)
    return Math.ceil(seconds * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
