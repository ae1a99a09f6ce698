import { InternalError } from "@flowpy/transpiler";
import {
  sliceDimensions,
  sliceKeys,
  type ConversationTags,
  type SliceDimension,
} from "../eval/slices/conversation-tags.js";
import { sliceKeyOrder } from "../eval/slices/slice-key-order.js";
import type { Slice, SliceTable } from "../eval/slices/slice-metrics.js";
import { wilsonInterval } from "../eval/stats/proportion.js";

/** Counts a week's rate metrics per slice as conversations stream past. */
export interface WeekSliceCounter {
  add(tags: ConversationTags, metrics: Readonly<Record<string, boolean>>): void;
  /** The table `sliceMetrics` gives for the same conversations, without `examples`. */
  table(): SliceTable;
}

/**
 * A week's slice table in memory bounded by the number of slices, not conversations:
 * `sliceMetrics` keeps every conversation per slice (for paired comparisons, which a week
 * does not make), so a week counts successes per slice and metric instead. Boolean metrics
 * only, which is all a week has (`judge_pass`, `activated`); `examples` is left empty (the
 * conversations are in the store's decisions). A test holds it equal to `sliceMetrics`.
 */
export function weekSliceCounter(level = 0.95): WeekSliceCounter {
  const counts = new Map<
    string,
    { n: number; metrics: Map<string, [number, number]> }
  >();
  const names = new Set<string>();
  return {
    add(tags, metrics) {
      for (const key of ["all", ...sliceKeys(tags)]) {
        let slice = counts.get(key);
        if (slice === undefined) {
          slice = { n: 0, metrics: new Map() };
          counts.set(key, slice);
        }
        slice.n += 1;
        for (const [name, value] of Object.entries(metrics)) {
          names.add(name);
          const c = slice.metrics.get(name) ?? [0, 0];
          slice.metrics.set(name, [c[0] + (value ? 1 : 0), c[1] + 1]);
        }
      }
    },
    table() {
      const keys = [...counts.keys()].sort(sliceKeyOrder(sliceDimensions));
      const metricNames = [...names].sort();
      const slices = keys.map((key): Slice => {
        const slice = counts.get(key);
        if (slice === undefined)
          throw new InternalError("a counted slice is missing");
        const eq = key.indexOf("=");
        const metrics: Slice["metrics"] = Object.fromEntries(
          metricNames.flatMap((name) => {
            const c = slice.metrics.get(name);
            if (c === undefined) return [];
            const [successes, n] = c;
            const wilson = wilsonInterval(successes, n, level);
            // n > 0 and a fixed valid level: Wilson cannot fail here.
            if (!wilson.ok)
              throw new InternalError("wilson of a counted slice failed");
            return [
              [
                name,
                {
                  kind: "rate" as const,
                  n,
                  successes,
                  failures: n - successes,
                  value: successes / n,
                  interval: wilson.value.interval,
                },
              ],
            ];
          }),
        );
        return {
          key,
          dimension:
            key === "all" ? "all" : (key.slice(0, eq) as SliceDimension),
          value: key === "all" ? "all" : key.slice(eq + 1),
          n: slice.n,
          metrics,
          examples: [],
        };
      });
      return { metrics: metricNames, slices };
    },
  };
}
