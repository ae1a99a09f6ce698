/**
 * Lets calls reach one point (the concurrency limiter's queue) in the order they arrived at
 * an earlier one, whatever the asynchronous work between the two takes (a cache read).
 * Without it, which requests a budget lets through would depend on file-system timing.
 */
export interface ArrivalOrder {
  /** Registers a call now, in arrival order. */
  enter(): Turn;
}

export interface Turn {
  /** Resolves once every call that entered earlier has passed. */
  readonly ready: Promise<void>;
  /** This call is through (or leaves without needing the point); later calls may go. */
  pass(): void;
}

export function createArrivalOrder(): ArrivalOrder {
  // The chain's last link: resolved once every call so far has passed.
  let last: Promise<void> = Promise.resolve();
  return {
    enter() {
      const ready = last;
      let pass: () => void = () => undefined;
      const passed = new Promise<void>((resolve) => {
        pass = resolve;
      });
      // A call that passes early (a cache hit) must not let later calls overtake earlier ones.
      last = Promise.all([ready, passed]).then(() => undefined);
      return { ready, pass };
    },
  };
}
