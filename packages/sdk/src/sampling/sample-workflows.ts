import { hash } from "node:crypto";
import { z } from "zod";
import {
  bundledCatalog,
  type Catalog,
  type Diagnostic,
} from "@flowpy/transpiler";
import type { WorkflowRecord } from "../records/workflow-record.js";
import { sdkCodes } from "../sdk-codes.js";
import {
  stratumKey,
  workflowTagKeys,
  workflowTags,
  type WorkflowTagKey,
} from "../tags/workflow-tags.js";
import {
  allocateQuotas,
  allocations,
  type Allocation,
} from "./allocate-quotas.js";
import { smallestKeys, type SmallestKeys } from "./smallest-keys.js";

/**
 * The quality filters of the original system and the diversity sampling, applied in this
 * order (documented in `packages/sdk/docs/workflow-records.md`, "Sampling").
 */
export interface SamplingRules {
  /** The reference time (ISO 8601 with offset); never the clock, so runs repeat. */
  readonly now: string;
  /** Keep workflows whose `last_run_at` lies in `[now − N days, now]`. */
  readonly ranWithinDays?: number;
  /** Keep merchants with at least K workflows that passed the run filter. */
  readonly minQualifyingPerMerchant?: number;
  /** Keep at most this many workflows per merchant (the lowest seeded priorities). */
  readonly maxPerMerchant?: number;
  /** Sample size; every remaining workflow when absent. */
  readonly target?: number;
  /** Tag keys whose value combinations form the strata; one stratum (`all`) when empty. */
  readonly stratifyBy?: readonly WorkflowTagKey[];
  /** How the target is shared among strata; `equal` by default. */
  readonly allocation?: Allocation;
  readonly seed: number;
}

/** The filter rules, in the order they apply and are reported. */
export const samplingRuleNames = [
  "ran-within-days",
  "unreadable-workflow",
  "min-qualifying-per-merchant",
  "max-per-merchant",
  "stratified-target",
] as const;
export type SamplingRuleName = (typeof samplingRuleNames)[number];

export interface SamplingReport {
  /** Records the source gave. */
  readonly input: number;
  /** What each rule removed, every rule listed (0 when not configured). */
  readonly removed: readonly {
    readonly rule: SamplingRuleName;
    readonly count: number;
  }[];
  /** `input` minus everything removed; the sample size. */
  readonly kept: number;
  /** Per stratum (sorted by key): workflows left after the merchant rules, and taken. */
  readonly strata: readonly {
    readonly key: string;
    readonly available: number;
    readonly taken: number;
  }[];
}

export interface Sampled {
  /** Sorted by `workflow_id` (then merchant and priority), whatever the input order. */
  readonly sample: readonly WorkflowRecord[];
  readonly report: SamplingReport;
  /** Rules that cannot be applied (nothing is read then), or a source that changed between passes. */
  readonly diagnostics: readonly Diagnostic[];
}

const DAY_MS = 86_400_000;

const count = z.int().nonnegative();
const rulesSchema = z.strictObject({
  now: z.iso.datetime({ offset: true }),
  ranWithinDays: z.number().nonnegative().optional(),
  minQualifyingPerMerchant: count.optional(),
  maxPerMerchant: count.optional(),
  target: count.optional(),
  stratifyBy: z.array(z.enum(workflowTagKeys)).optional(),
  allocation: z.enum(allocations).optional(),
  seed: z.int(),
});

interface MerchantState {
  qualifying: number;
  /** Qualifying workflows per stratum index (without a per-merchant cap). */
  readonly strata: Map<number, number>;
  /** The lowest-priority workflows' strata (with a per-merchant cap). */
  readonly capped: SmallestKeys<number> | undefined;
}

/** What pass 1 decided about a merchant. */
interface MerchantVerdict {
  readonly keep: boolean;
  /** With a cap: the largest priority kept; undefined keeps all. */
  readonly bound: string | undefined;
}

/**
 * Samples workflows in two streaming passes over `source` (called once per pass; it must
 * give the same records each time). Pass 1 applies the record filters, counts qualifying
 * workflows per merchant and stratum (and keeps each merchant's lowest priorities when
 * capped); quotas per stratum are then set by water-filling (`allocateQuotas`). Pass 2
 * keeps, per stratum, the quota's lowest priorities. A priority is a hash of the seed and
 * the record, so the sample does not depend on the input order. Memory: the sample, the
 * merchants (times their strata, or their cap) and the strata; not the input.
 */
export async function sampleWorkflows(
  source: () => AsyncIterable<WorkflowRecord>,
  rules: SamplingRules,
  catalog: Catalog = bundledCatalog(),
): Promise<Sampled> {
  const picks: SamplePick<WorkflowRecord>[] = [];
  const done = await sampleWorkflowPicks(source, rules, catalog, {
    pick: (record) => record,
    onPick: (p) => {
      picks.push(p);
    },
    streamWholeStrata: false,
  });
  const sample = picks
    .sort(
      (a, b) =>
        compareText(a.workflowId, b.workflowId) ||
        compareText(a.merchantId, b.merchantId) ||
        compareText(a.priority, b.priority),
    )
    .map((p) => p.item);
  return { sample, report: done.report, diagnostics: done.diagnostics };
}

/** One record the sample takes, with what orders the sample (`Sampled.sample`). */
export interface SamplePick<T> {
  readonly item: T;
  readonly workflowId: string;
  readonly merchantId: string;
  readonly priority: string;
}

export interface SamplePickOptions<T> {
  /** What to keep of a taken record until it is handed over (less than the record saves memory). */
  readonly pick: (record: WorkflowRecord) => T;
  /** Called once per taken record, in no particular order; the caller sorts (`SamplePick`). */
  readonly onPick: (pick: SamplePick<T>) => void | Promise<void>;
  /**
   * Hands over the records of a stratum whose quota takes all of it as pass 2 meets them,
   * instead of holding them to the end: without a target nothing is held. A source that
   * changes between passes (reported as an error) may then give more than the quota.
   */
  readonly streamWholeStrata: boolean;
}

/**
 * `sampleWorkflows` without collecting the sample: each taken record goes to `onPick`.
 * Memory: the merchants and strata, plus the picks of strata that take only part of what
 * they have (at most the target); with `streamWholeStrata` and no target, nothing per record.
 */
export async function sampleWorkflowPicks<T>(
  source: () => AsyncIterable<WorkflowRecord>,
  rules: SamplingRules,
  catalog: Catalog,
  options: SamplePickOptions<T>,
): Promise<Omit<Sampled, "sample">> {
  const checked = rulesSchema.safeParse(rules);
  if (!checked.success)
    return {
      report: emptyReport(),
      diagnostics: checked.error.issues.map((issue) => ({
        code: sdkCodes.sampleInvalidRules,
        severity: "error",
        message: `rules.${issue.path.map(String).join(".")}: ${issue.message}`,
        path: issue.path.filter(
          (p): p is string | number => typeof p !== "symbol",
        ),
      })),
    };
  const now = Date.parse(rules.now);
  const keys = rules.stratifyBy ?? [];
  const classify = (record: WorkflowRecord): Classified =>
    classifyRecord(record, rules, now, keys, catalog);

  // Pass 1 -----------------------------------------------------------------------------
  const strataIndex = new Map<string, number>();
  const merchants = new Map<string, MerchantState>();
  const removed: Record<SamplingRuleName, number> = {
    "ran-within-days": 0,
    "unreadable-workflow": 0,
    "min-qualifying-per-merchant": 0,
    "max-per-merchant": 0,
    "stratified-target": 0,
  };
  let input = 0;
  for await (const record of source()) {
    input += 1;
    const c = classify(record);
    if (c.kind === "removed") {
      removed[c.rule] += 1;
      continue;
    }
    let stratum = strataIndex.get(c.stratum);
    if (stratum === undefined) {
      stratum = strataIndex.size;
      strataIndex.set(c.stratum, stratum);
    }
    let m = merchants.get(record.merchant_id);
    if (m === undefined) {
      m = {
        qualifying: 0,
        strata: new Map(),
        capped:
          rules.maxPerMerchant === undefined
            ? undefined
            : smallestKeys<number>(rules.maxPerMerchant),
      };
      merchants.set(record.merchant_id, m);
    }
    m.qualifying += 1;
    if (m.capped === undefined)
      m.strata.set(stratum, (m.strata.get(stratum) ?? 0) + 1);
    else m.capped.offer(c.priority, stratum);
  }

  const available = new Array<number>(strataIndex.size).fill(0);
  const verdicts = new Map<string, MerchantVerdict>();
  for (const [id, m] of merchants) {
    if (m.qualifying < (rules.minQualifyingPerMerchant ?? 0)) {
      removed["min-qualifying-per-merchant"] += m.qualifying;
      verdicts.set(id, { keep: false, bound: undefined });
      continue;
    }
    if (m.capped === undefined)
      for (const [s, n] of m.strata) available[s] = (available[s] ?? 0) + n;
    else {
      removed["max-per-merchant"] += m.qualifying - m.capped.size();
      for (const { item } of m.capped.items())
        available[item] = (available[item] ?? 0) + 1;
    }
    verdicts.set(id, { keep: true, bound: m.capped?.bound() });
  }
  merchants.clear();

  // Strata the merchant rules emptied are left out of the report.
  const strataKeys = [...strataIndex.keys()]
    .filter((k) => (available[strataIndex.get(k) ?? -1] ?? 0) > 0)
    .sort();
  const sortedAvailable = strataKeys.map(
    (k) => available[strataIndex.get(k) ?? -1] ?? 0,
  );
  const totalAvailable = sortedAvailable.reduce((a, b) => a + b, 0);
  const quotas =
    rules.target === undefined
      ? sortedAvailable
      : allocateQuotas(
          sortedAvailable,
          rules.target,
          rules.allocation ?? "equal",
        );
  const quotaOf = new Map(strataKeys.map((k, i) => [k, quotas[i] ?? 0]));

  // Pass 2 -----------------------------------------------------------------------------
  const whole = new Map<string, { taken: number }>();
  const picks = new Map<
    string,
    SmallestKeys<Omit<SamplePick<T>, "priority">>
  >();
  strataKeys.forEach((k, i) => {
    const quota = quotaOf.get(k) ?? 0;
    if (options.streamWholeStrata && quota >= (sortedAvailable[i] ?? 0))
      whole.set(k, { taken: 0 });
    else picks.set(k, smallestKeys(quota));
  });
  let second = 0;
  for await (const record of source()) {
    second += 1;
    const c = classify(record);
    if (c.kind === "removed") continue;
    const verdict = verdicts.get(record.merchant_id);
    if (verdict === undefined || !verdict.keep) continue;
    if (verdict.bound !== undefined && c.priority > verdict.bound) continue;
    const streamed = whole.get(c.stratum);
    if (streamed !== undefined) {
      streamed.taken++;
      await options.onPick({
        item: options.pick(record),
        workflowId: record.workflow_id,
        merchantId: record.merchant_id,
        priority: c.priority,
      });
      continue;
    }
    const heap = picks.get(c.stratum);
    if (heap === undefined) continue;
    heap.offer(c.priority, {
      item: options.pick(record),
      workflowId: record.workflow_id,
      merchantId: record.merchant_id,
    });
  }

  const strata = strataKeys.map((key, i) => ({
    key,
    available: sortedAvailable[i] ?? 0,
    taken: whole.get(key)?.taken ?? picks.get(key)?.size() ?? 0,
  }));
  const taken = strata.reduce((a, s) => a + s.taken, 0);
  removed["stratified-target"] = totalAvailable - taken;
  for (const heap of picks.values())
    for (const { key, item } of heap.items())
      await options.onPick({ ...item, priority: key });
  const diagnostics: Diagnostic[] =
    second === input
      ? []
      : [
          {
            code: sdkCodes.sampleSourceChanged,
            severity: "error",
            message: `the source gave ${input} records in the first pass and ${second} in the second; it must give the same records each time it is called`,
          },
        ];
  return {
    report: {
      input,
      removed: samplingRuleNames.map((rule) => ({
        rule,
        count: removed[rule],
      })),
      kept: taken,
      strata,
    },
    diagnostics,
  };
}

type Classified =
  | { readonly kind: "removed"; readonly rule: SamplingRuleName }
  | {
      readonly kind: "kept";
      readonly stratum: string;
      readonly priority: string;
    };

function classifyRecord(
  record: WorkflowRecord,
  rules: SamplingRules,
  now: number,
  keys: readonly WorkflowTagKey[],
  catalog: Catalog,
): Classified {
  if (
    rules.ranWithinDays !== undefined &&
    !ranWithin(record, now, rules.ranWithinDays)
  )
    return { kind: "removed", rule: "ran-within-days" };
  const tags = workflowTags(record.workflow, catalog);
  if (!tags.ok) return { kind: "removed", rule: "unreadable-workflow" };
  return {
    kind: "kept",
    stratum: stratumKey(tags.value, keys),
    priority: priorityOf(record, rules.seed),
  };
}

/** Whether the record last ran within `[now − days, now]`. */
export function ranWithin(
  record: WorkflowRecord,
  now: number,
  days: number,
): boolean {
  if (record.last_run_at === null) return false;
  const t = Date.parse(record.last_run_at);
  return Number.isFinite(t) && t <= now && now - t <= days * DAY_MS;
}

/**
 * A record's seeded priority: a hash of the seed and the workflow id first (the order that
 * decides), then the id, the merchant and a hash of the whole record, so two different
 * records never tie and equal records are interchangeable.
 */
export function priorityOf(record: WorkflowRecord, seed: number): string {
  const head = hash(
    "sha256",
    `${seed}\u0000${record.workflow_id}`,
    "hex",
  ).slice(0, 16);
  const whole = hash("sha256", JSON.stringify(record), "hex").slice(0, 16);
  return `${head}\u0000${record.workflow_id}\u0000${record.merchant_id}\u0000${whole}`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function emptyReport(): SamplingReport {
  return {
    input: 0,
    removed: samplingRuleNames.map((rule) => ({ rule, count: 0 })),
    kept: 0,
    strata: [],
  };
}
