import {
  bootstrapInterval,
  type BootstrapOptions,
} from "../stats/bootstrap.js";
import { wilsonInterval, type Interval } from "../stats/proportion.js";
import {
  sliceDimensions,
  sliceKeys,
  type ConversationTags,
  type SliceDimension,
} from "./conversation-tags.js";
import { sliceKeyOrder } from "./slice-key-order.js";

/** One evaluated conversation: its tags and its metrics (`true`/`1` is good). */
export interface SliceInput {
  /** Pairs examples across runs in `regressedSlices`; the row's position (`#0`, `#1`, …) when absent. */
  readonly id?: string;
  readonly tags: ConversationTags;
  readonly metrics: Readonly<Record<string, boolean | number>>;
}

/**
 * A metric within one slice. A metric whose every value is a boolean is a `rate` with a
 * Wilson interval; otherwise a `mean` (booleans as 0/1) with a seeded percentile bootstrap
 * interval (null for fewer than two values). A failure is `false` or `0`.
 */
export type SliceMetric =
  | {
      readonly kind: "rate";
      readonly n: number;
      readonly successes: number;
      readonly failures: number;
      readonly value: number;
      readonly interval: Interval;
    }
  | {
      readonly kind: "mean";
      readonly n: number;
      readonly failures: number;
      readonly value: number;
      readonly interval: Interval | null;
    };

export interface Slice {
  /** `all`, or `dimension=value`. */
  readonly key: string;
  readonly dimension: SliceDimension | "all";
  readonly value: string;
  /** Conversations in the slice. */
  readonly n: number;
  /** Only the metrics some conversation of the slice has. */
  readonly metrics: Readonly<Record<string, SliceMetric>>;
  /** The slice's conversations (id and numeric metric values), for paired comparisons. */
  readonly examples: readonly {
    readonly id: string;
    readonly values: Readonly<Record<string, number>>;
  }[];
}

export interface SliceTable {
  /** Metric names in code-unit order. */
  readonly metrics: readonly string[];
  /** `all` first, then by dimension (in `sliceDimensions` order) and value. */
  readonly slices: readonly Slice[];
}

export interface SliceMetricsOptions {
  readonly dimensions?: readonly SliceDimension[];
  /** Confidence level of every interval (0.95). */
  readonly level?: number;
  /** Resamples and seed of the mean intervals (1,000 and 0). */
  readonly resamples?: number;
  readonly seed?: number;
}

/**
 * Metrics per slice with counts and intervals. A conversation is in every slice its tags
 * put it in (see `sliceKeys`), and in `all`. Deterministic for the same rows and options.
 */
export function sliceMetrics(
  rows: Iterable<SliceInput>,
  options: SliceMetricsOptions = {},
): SliceTable {
  const dimensions = options.dimensions ?? sliceDimensions;
  const level = options.level ?? 0.95;
  const groups = new Map<string, { id: string; input: SliceInput }[]>();
  const metricKinds = new Map<string, boolean>();
  let index = 0;
  for (const input of rows) {
    const example = { id: input.id ?? `#${index}`, input };
    index += 1;
    for (const key of ["all", ...sliceKeys(input.tags, dimensions)]) {
      const group = groups.get(key);
      if (group === undefined) groups.set(key, [example]);
      else group.push(example);
    }
    for (const [name, value] of Object.entries(input.metrics))
      metricKinds.set(
        name,
        (metricKinds.get(name) ?? true) && typeof value === "boolean",
      );
  }
  const metrics = [...metricKinds.keys()].sort();
  const keys = [...groups.keys()].sort(sliceKeyOrder(dimensions));
  const slices = keys.map((key): Slice => {
    const members = groups.get(key) ?? [];
    const eq = key.indexOf("=");
    const out: Record<string, SliceMetric> = {};
    for (const name of metrics) {
      const values = members.flatMap(({ input }) => {
        const v = input.metrics[name];
        return v === undefined ? [] : [typeof v === "boolean" ? +v : v];
      });
      if (values.length === 0) continue;
      out[name] = metricOf(values, metricKinds.get(name) === true, {
        level,
        resamples: options.resamples ?? 1000,
        seed: options.seed ?? 0,
      });
    }
    return {
      key,
      dimension: key === "all" ? "all" : (key.slice(0, eq) as SliceDimension),
      value: key === "all" ? "all" : key.slice(eq + 1),
      n: members.length,
      metrics: out,
      examples: members.map(({ id, input }) => ({
        id,
        values: Object.fromEntries(
          Object.entries(input.metrics).map(([k, v]) => [
            k,
            typeof v === "boolean" ? +v : v,
          ]),
        ),
      })),
    };
  });
  return { metrics, slices };
}

function metricOf(
  values: readonly number[],
  isRate: boolean,
  options: {
    readonly level: number;
    readonly resamples: number;
    readonly seed: number;
  },
): SliceMetric {
  const n = values.length;
  const failures = values.filter((v) => v === 0).length;
  if (isRate) {
    const successes = n - failures;
    const wilson = wilsonInterval(successes, n, options.level);
    // n > 0 and a valid level: Wilson cannot fail here.
    if (!wilson.ok)
      throw new Error("wilson interval of a non-empty slice failed");
    return {
      kind: "rate",
      n,
      successes,
      failures,
      value: successes / n,
      interval: wilson.value.interval,
    };
  }
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const boot =
    n < 2
      ? undefined
      : bootstrapInterval(
          values,
          (sample) => sample.reduce((s, v) => s + v, 0) / sample.length,
          {
            resamples: options.resamples,
            level: options.level,
            seed: options.seed,
            method: "percentile",
          } satisfies BootstrapOptions,
        );
  return {
    kind: "mean",
    n,
    failures,
    value: mean,
    interval:
      boot?.ok === true
        ? {
            low: boot.value.low,
            high: boot.value.high,
            level: boot.value.level,
            method: boot.value.method,
          }
        : null,
  };
}
