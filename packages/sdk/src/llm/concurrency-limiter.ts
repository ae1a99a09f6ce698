/** At most `limit` holders at a time; the rest wait in arrival order. One per client. */
export interface ConcurrencyLimiter {
  /** Resolves true once a slot is held, false if `signal` aborted first (no slot held). */
  acquire(signal?: AbortSignal): Promise<boolean>;
  release(): void;
}

export function createConcurrencyLimiter(limit: number): ConcurrencyLimiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  return {
    acquire(signal) {
      if (signal?.aborted === true) return Promise.resolve(false);
      if (active < limit) {
        active++;
        return Promise.resolve(true);
      }
      return new Promise<boolean>((resolve) => {
        const grant = (): void => {
          signal?.removeEventListener("abort", abandon);
          resolve(true);
        };
        const abandon = (): void => {
          const at = waiting.indexOf(grant);
          if (at >= 0) waiting.splice(at, 1);
          resolve(false);
        };
        waiting.push(grant);
        signal?.addEventListener("abort", abandon, { once: true });
      });
    },
    release() {
      const next = waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (next !== undefined) next();
      else active--;
    },
  };
}
