import { describe, expect, it } from "vitest";
import { createArrivalOrder } from "../../src/llm/arrival-order.js";

/** Which of `turns` have become ready once pending callbacks have run. */
async function readyOnes(turns: readonly { ready: Promise<void> }[]) {
  const ready = turns.map(() => false);
  turns.forEach((t, i) => void t.ready.then(() => (ready[i] = true)));
  for (let i = 0; i < 10; i++) await Promise.resolve();
  return ready;
}

describe("arrival order", () => {
  it("lets a call through only after every earlier call passed, even when a later one passes first", async () => {
    const order = createArrivalOrder();
    const [a, b, c] = [order.enter(), order.enter(), order.enter()];
    if (a === undefined || b === undefined || c === undefined)
      throw new Error();
    expect(await readyOnes([a, b, c])).toEqual([true, false, false]);
    // b leaves early (a cache hit): c must still wait for a.
    b.pass();
    expect(await readyOnes([a, b, c])).toEqual([true, false, false]);
    a.pass();
    expect(await readyOnes([a, b, c])).toEqual([true, true, true]);
  });

  it("tolerates a turn passed twice", async () => {
    const order = createArrivalOrder();
    const a = order.enter();
    a.pass();
    a.pass();
    const b = order.enter();
    expect(await readyOnes([b])).toEqual([true]);
  });
});
