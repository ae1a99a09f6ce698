import { describe, expect, it } from "vitest";
import { garbageCollector } from "../../src/pipeline/garbage-collector.js";

/** ~80 MB of small objects that are garbage once the function returns. */
function makeGarbage(): number {
  let live: { readonly n: number; readonly s: string }[] = [];
  for (let i = 0; i < 1_000_000; i++) live.push({ n: i, s: `row ${i}` });
  const n = live.length;
  live = [];
  return n;
}

describe("garbageCollector", () => {
  it("collects only once the reported bytes reach its threshold, and leaves globalThis.gc as it was", () => {
    const before = (globalThis as { gc?: unknown }).gc;
    const released = garbageCollector(100);
    expect((globalThis as { gc?: unknown }).gc).toBe(before);

    // Below the threshold: nothing is collected, the garbage is still counted in the heap.
    expect(makeGarbage()).toBe(1_000_000);
    const withGarbage = process.memoryUsage().heapUsed;
    released(60);
    expect(process.memoryUsage().heapUsed).toBeGreaterThan(
      withGarbage - 20 * 2 ** 20,
    );

    // Reaching it collects: the ~80 MB of garbage is gone.
    released(40);
    expect(process.memoryUsage().heapUsed).toBeLessThan(
      withGarbage - 40 * 2 ** 20,
    );

    // The count starts over after a collection.
    makeGarbage();
    const again = process.memoryUsage().heapUsed;
    released(99);
    expect(process.memoryUsage().heapUsed).toBeGreaterThan(
      again - 20 * 2 ** 20,
    );
    released(1);
    expect(process.memoryUsage().heapUsed).toBeLessThan(again - 40 * 2 ** 20);
  });
});
