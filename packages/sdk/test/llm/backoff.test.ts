import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  backoffDelay,
  defaultBackoff,
  retryAfterMs,
} from "../../src/llm/backoff.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

describe("retry backoff", () => {
  it("grows exponentially up to the cap, jitters by at most its share, and is the same on every run", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (key, retry, jitter) => {
          const options = { ...defaultBackoff, jitter };
          const base = Math.min(
            options.maxMs,
            options.initialMs * options.multiplier ** (retry - 1),
          );
          const delay = backoffDelay(options, key, retry);
          expect(delay).toBeLessThanOrEqual(base);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * (1 - jitter)));
          expect(backoffDelay(options, key, retry)).toBe(delay);
        },
      ),
      { numRuns: runs },
    );
  });

  it("spreads concurrent requests: different keys wait different times", () => {
    const delays = new Set(
      Array.from({ length: 50 }, (_, i) =>
        backoffDelay(defaultBackoff, `request ${i}`, 3),
      ),
    );
    expect(delays.size).toBeGreaterThan(40);
  });

  it("reads retry-after-ms first, then Retry-After in seconds or as a date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    const read = (headers: Record<string, string>) =>
      retryAfterMs(new Headers(headers), now);
    expect(read({ "retry-after-ms": "250", "retry-after": "9" })).toBe(250);
    expect(read({ "retry-after": "2" })).toBe(2000);
    expect(read({ "retry-after": "0.5" })).toBe(500);
    expect(read({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" })).toBe(3000);
    expect(read({ "retry-after": "Wed, 31 Dec 2025 00:00:00 GMT" })).toBe(0);
    expect(read({ "retry-after": "soon" })).toBeUndefined();
    expect(read({ "retry-after-ms": "-5" })).toBeUndefined();
    expect(read({ "retry-after-ms": " ", "retry-after": "1" })).toBe(1000);
    expect(read({})).toBeUndefined();
  });
});
