import type { Diagnostic, Result } from "@flowpy/transpiler";
import { sdkCodes } from "../../sdk-codes.js";
import {
  bootstrapInterval,
  defaultBootstrapOptions,
  type BootstrapInterval,
  type BootstrapOptions,
} from "./bootstrap.js";
import { binomialHalfCdf, studentTQuantile } from "./distributions.js";
import type { Interval } from "./proportion.js";
import {
  failWith,
  isLevel,
  statError,
  statWarning,
} from "./stat-diagnostic.js";

/** One example's metric in one run; higher is better. */
export interface ScoredExample {
  readonly exampleId: string;
  readonly value: number;
}

/** McNemar's exact test on the discordant pairs of a binary metric. */
export interface McNemar {
  /** Examples right in run A and wrong in run B. */
  readonly onlyA: number;
  /** Examples right in run B and wrong in run A. */
  readonly onlyB: number;
  /** Two-sided exact p-value: 2 · P(X ≤ min(onlyA, onlyB)) for X ~ Binomial(onlyA + onlyB, ½), at most 1. */
  readonly pValue: number;
}

export interface TInterval extends Interval {
  readonly method: "t";
  readonly df: number;
  readonly standardError: number;
}

/**
 * Run B against run A on the same examples (paired by example id), B − A. Positive
 * differences mean B is better.
 */
export interface PairedComparison {
  readonly n: number;
  readonly meanA: number;
  readonly meanB: number;
  readonly meanDifference: number;
  /** Bootstrap interval of the mean difference, resampling examples. */
  readonly bootstrap: BootstrapInterval;
  /** Student's t interval of the mean difference; null with an `eval-too-few-examples` warning for one example. */
  readonly t: TInterval | null;
  /** Examples where B scored higher, equal, lower than A. */
  readonly wins: number;
  readonly ties: number;
  readonly losses: number;
  /** Present when every value of both runs is 0 or 1. */
  readonly mcnemar: McNemar | null;
  /** Example ids only one run has, in code-unit order; they are not compared (and each side is reported with a warning). */
  readonly onlyInA: readonly string[];
  readonly onlyInB: readonly string[];
}

export function mcnemarExact(onlyA: number, onlyB: number): McNemar {
  const discordant = onlyA + onlyB;
  const pValue =
    discordant === 0
      ? 1
      : Math.min(1, 2 * binomialHalfCdf(Math.min(onlyA, onlyB), discordant));
  return { onlyA, onlyB, pValue };
}

/** Mean ± t_{n−1} · s/√n of the values; null for fewer than two values. */
export function tInterval(
  values: readonly number[],
  level: number,
): TInterval | null {
  const n = values.length;
  if (n < 2) return null;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance =
    values.reduce((s, v) => s + (v - mean) * (v - mean), 0) / (n - 1);
  const standardError = Math.sqrt(variance / n);
  const half = studentTQuantile(1 - (1 - level) / 2, n - 1) * standardError;
  return {
    low: mean - half,
    high: mean + half,
    level,
    method: "t",
    df: n - 1,
    standardError,
  };
}

function indexRun(
  run: readonly ScoredExample[],
  name: string,
): Result<ReadonlyMap<string, number>> {
  const byId = new Map<string, number>();
  for (const { exampleId, value } of run) {
    if (byId.has(exampleId))
      return failWith(
        sdkCodes.evalDuplicateExample,
        `example ${JSON.stringify(exampleId)} occurs twice in run ${name}`,
      );
    if (!Number.isFinite(value))
      return failWith(
        sdkCodes.evalInvalidInput,
        `example ${JSON.stringify(exampleId)} of run ${name} has a value that is not a finite number`,
      );
    byId.set(exampleId, value);
  }
  return { ok: true, value: byId, diagnostics: [] };
}

function sortedIds(ids: Iterable<string>): string[] {
  return [...ids].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

/**
 * Paired comparison of two runs. Examples are matched by id and taken in id order, so the
 * input order never changes the result; with the same seed the bootstrap is reproducible.
 */
export function comparePaired(
  a: readonly ScoredExample[],
  b: readonly ScoredExample[],
  options: BootstrapOptions = defaultBootstrapOptions,
): Result<PairedComparison> {
  if (!isLevel(options.level))
    return failWith(
      sdkCodes.evalInvalidInput,
      `level ${options.level} is not in (0, 1)`,
    );
  const indexedA = indexRun(a, "A");
  if (!indexedA.ok) return indexedA;
  const indexedB = indexRun(b, "B");
  if (!indexedB.ok) return indexedB;
  const runA = indexedA.value;
  const runB = indexedB.value;
  const shared = sortedIds([...runA.keys()].filter((id) => runB.has(id)));
  const onlyInA = sortedIds([...runA.keys()].filter((id) => !runB.has(id)));
  const onlyInB = sortedIds([...runB.keys()].filter((id) => !runA.has(id)));
  const diagnostics: Diagnostic[] = [];
  for (const [ids, name] of [
    [onlyInA, "A"],
    [onlyInB, "B"],
  ] as const)
    if (ids.length > 0)
      diagnostics.push(
        statWarning(
          sdkCodes.evalUnpaired,
          `${ids.length} examples are only in run ${name} and are not compared: ${ids.slice(0, 5).join(", ")}${ids.length > 5 ? ", …" : ""}`,
        ),
      );
  if (shared.length === 0)
    return {
      ok: false,
      diagnostics: [
        ...diagnostics,
        statError(sdkCodes.evalEmptySample, "the two runs share no example"),
      ],
    };
  const pairs = shared.map(
    (id) => [runA.get(id) ?? 0, runB.get(id) ?? 0] as const,
  );
  const differences = pairs.map(([x, y]) => y - x);
  const n = pairs.length;
  const mean = (values: readonly number[]): number =>
    values.reduce((s, v) => s + v, 0) / values.length;
  const bootstrap = bootstrapInterval(differences, mean, options);
  if (!bootstrap.ok)
    return {
      ok: false,
      diagnostics: [...diagnostics, ...bootstrap.diagnostics],
    };
  diagnostics.push(...bootstrap.diagnostics);
  const t = tInterval(differences, options.level);
  if (t === null)
    diagnostics.push(
      statWarning(
        sdkCodes.evalTooFewExamples,
        "a t-interval needs at least two paired examples",
      ),
    );
  const binary = pairs.every(
    ([x, y]) => (x === 0 || x === 1) && (y === 0 || y === 1),
  );
  return {
    ok: true,
    value: {
      n,
      meanA: mean(pairs.map(([x]) => x)),
      meanB: mean(pairs.map(([, y]) => y)),
      meanDifference: mean(differences),
      bootstrap: bootstrap.value,
      t,
      wins: differences.filter((d) => d > 0).length,
      ties: differences.filter((d) => d === 0).length,
      losses: differences.filter((d) => d < 0).length,
      mcnemar: binary
        ? mcnemarExact(
            pairs.filter(([x, y]) => x === 1 && y === 0).length,
            pairs.filter(([x, y]) => x === 0 && y === 1).length,
          )
        : null,
      onlyInA,
      onlyInB,
    },
    diagnostics,
  };
}
