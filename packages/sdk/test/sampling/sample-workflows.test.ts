import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { bundledCatalog } from "@flowpy/transpiler";
import {
  allocateQuotas,
  allocations,
  priorityOf,
  readWorkflowRecords,
  sampleWorkflows,
  sampleWorkflowPicks,
  samplingRuleNames,
  sdkCodes,
  stratumKey,
  workflowTags,
  type Allocation,
  type SamplingReport,
  type SamplePick,
  type SamplingRules,
  type WorkflowRecord,
  type WorkflowTagKey,
} from "../../src/index.js";
import {
  corpusDocuments,
  workflowText,
  writeRecordsJsonl,
} from "../support/record-generator.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
const DAY = 86_400_000;
const now = "2026-11-24T08:00:00Z";
const nowMs = Date.parse(now);

const dir = mkdtempSync(join(tmpdir(), "flowpy-sampling-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A pool of distinct kinds of workflow, plus one that does not read.
const pool: readonly string[] = [
  ...corpusDocuments()
    .filter((_, i) => i % 9 === 0)
    .map((d) => workflowText(d.value)),
  "{ not a workflow",
];

async function* from(
  records: readonly WorkflowRecord[],
): AsyncGenerator<WorkflowRecord> {
  yield* records;
}

const tagCache = new Map<string, ReturnType<typeof workflowTags>>();
function tagsOf(text: string): ReturnType<typeof workflowTags> {
  const hit = tagCache.get(text);
  if (hit !== undefined) return hit;
  const tags = workflowTags(text);
  tagCache.set(text, tags);
  return tags;
}

/** `Map.groupBy`, which Node 20 lacks. */
function groupBy<T>(
  items: readonly T[],
  key: (item: T) => string,
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = out.get(k);
    if (group === undefined) out.set(k, [item]);
    else group.push(item);
  }
  return out;
}

/** The documented rules, written out plainly over an in-memory array. */
function reference(
  records: readonly WorkflowRecord[],
  rules: SamplingRules,
): { readonly ids: readonly string[]; readonly report: SamplingReport } {
  const removed = Object.fromEntries(
    samplingRuleNames.map((r) => [r, 0]),
  ) as Record<(typeof samplingRuleNames)[number], number>;
  const stage: { r: WorkflowRecord; stratum: string; priority: string }[] = [];
  for (const r of records) {
    if (rules.ranWithinDays !== undefined) {
      const t = r.last_run_at === null ? NaN : Date.parse(r.last_run_at);
      if (!(t <= nowMs && nowMs - t <= rules.ranWithinDays * DAY)) {
        removed["ran-within-days"] += 1;
        continue;
      }
    }
    const tags = tagsOf(r.workflow);
    if (!tags.ok) {
      removed["unreadable-workflow"] += 1;
      continue;
    }
    stage.push({
      r,
      stratum: stratumKey(tags.value, rules.stratifyBy ?? []),
      priority: priorityOf(r, rules.seed),
    });
  }
  const byMerchant = groupBy(stage, (s) => s.r.merchant_id);
  const kept: typeof stage = [];
  for (const group of byMerchant.values()) {
    if (group.length < (rules.minQualifyingPerMerchant ?? 0)) {
      removed["min-qualifying-per-merchant"] += group.length;
      continue;
    }
    const ordered = [...group].sort((a, b) =>
      a.priority < b.priority ? -1 : 1,
    );
    const cap = rules.maxPerMerchant ?? Infinity;
    removed["max-per-merchant"] += Math.max(0, ordered.length - cap);
    kept.push(...ordered.slice(0, cap));
  }
  const strata = [...groupBy(kept, (s) => s.stratum).entries()].sort((a, b) =>
    a[0] < b[0] ? -1 : 1,
  );
  const available = strata.map(([, g]) => g.length);
  const quotas =
    rules.target === undefined
      ? available
      : allocateQuotas(available, rules.target, rules.allocation ?? "equal");
  const taken = strata.flatMap(([, g], i) =>
    [...g]
      .sort((a, b) => (a.priority < b.priority ? -1 : 1))
      .slice(0, quotas[i]),
  );
  removed["stratified-target"] = kept.length - taken.length;
  return {
    ids: taken.map((s) => s.r.workflow_id).sort(),
    report: {
      input: records.length,
      removed: samplingRuleNames.map((rule) => ({
        rule,
        count: removed[rule],
      })),
      kept: taken.length,
      strata: strata.map(([key, g], i) => ({
        key,
        available: g.length,
        taken: Math.min(g.length, quotas[i] ?? 0),
      })),
    },
  };
}

const tagChoices: readonly WorkflowTagKey[] = [
  "triggerResource",
  "email",
  "actionFamilies",
  "size",
  "apps",
];

const recordsArb = fc
  .array(
    fc.record({
      merchant: fc.integer({ min: 0, max: 5 }),
      workflow: fc.integer({ min: 0, max: pool.length - 1 }),
      lastRun: fc.option(fc.integer({ min: -400 * 24, max: 48 }), {
        nil: null,
      }),
    }),
    { maxLength: 40 },
  )
  .map((rows) =>
    rows.map((row, i): WorkflowRecord => ({
      workflow_id: `wf-${i}`,
      merchant_id: `m-${row.merchant}`,
      workflow: pool[row.workflow] ?? "",
      last_run_at:
        row.lastRun === null
          ? null
          : new Date(nowMs + row.lastRun * 3_600_000).toISOString(),
    })),
  );

const rulesArb: fc.Arbitrary<SamplingRules> = fc
  .record({
    ranWithinDays: fc.option(fc.integer({ min: 0, max: 120 }), {
      nil: undefined,
    }),
    minQualifyingPerMerchant: fc.option(fc.integer({ min: 0, max: 5 }), {
      nil: undefined,
    }),
    maxPerMerchant: fc.option(fc.integer({ min: 0, max: 6 }), {
      nil: undefined,
    }),
    target: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    stratifyBy: fc.subarray([...tagChoices]),
    allocation: fc.constantFrom<Allocation>(...allocations),
    seed: fc.integer(),
  })
  .map((r) => {
    const rules: { -readonly [K in keyof SamplingRules]: SamplingRules[K] } = {
      now,
      seed: r.seed,
      stratifyBy: r.stratifyBy,
      allocation: r.allocation,
    };
    if (r.ranWithinDays !== undefined) rules.ranWithinDays = r.ranWithinDays;
    if (r.minQualifyingPerMerchant !== undefined)
      rules.minQualifyingPerMerchant = r.minQualifyingPerMerchant;
    if (r.maxPerMerchant !== undefined) rules.maxPerMerchant = r.maxPerMerchant;
    if (r.target !== undefined) rules.target = r.target;
    return rules;
  });

describe("sampleWorkflows", { timeout: 120_000 }, () => {
  const sampleRuns = Math.max(50, Math.floor(runs / 5));

  it("applies exactly the documented rules (against a plain reference), independent of input order", async () => {
    await fc.assert(
      fc.asyncProperty(
        recordsArb,
        rulesArb,
        fc.infiniteStream(fc.nat()),
        async (records, rules, keys) => {
          const ref = reference(records, rules);
          const got = await sampleWorkflows(() => from(records), rules);
          expect(got.diagnostics).toEqual([]);
          expect(got.sample.map((r) => r.workflow_id)).toEqual(ref.ids);
          expect(got.report).toEqual(ref.report);
          // Report arithmetic.
          const removed = got.report.removed.reduce((a, r) => a + r.count, 0);
          expect(got.report.input - removed).toBe(got.report.kept);
          expect(got.report.strata.reduce((a, s) => a + s.taken, 0)).toBe(
            got.report.kept,
          );
          // Any order of the same records gives the same sample and report.
          const it = keys[Symbol.iterator]();
          const shuffled = [...records]
            .map((r) => ({ r, k: it.next().value as number }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.r);
          const again = await sampleWorkflows(() => from(shuffled), rules);
          expect(again.sample).toEqual(got.sample);
          expect(again.report).toEqual(got.report);
        },
      ),
      { numRuns: sampleRuns },
    );
  }, 120_000);

  it("sampleWorkflowPicks hands over exactly the sample, streaming whole strata as pass 2 meets them", async () => {
    await fc.assert(
      fc.asyncProperty(recordsArb, rulesArb, async (records, rules) => {
        const want = await sampleWorkflows(() => from(records), rules);
        for (const streamWholeStrata of [false, true]) {
          let passes = 0;
          // The record pass 2 gave last, when each pick was handed over.
          let current: string | undefined;
          const currentAtPick: (string | undefined)[] = [];
          const picks: SamplePick<string>[] = [];
          const source = async function* (): AsyncGenerator<WorkflowRecord> {
            passes++;
            for (const r of records) {
              if (passes === 2) current = r.workflow_id;
              yield r;
            }
            current = undefined;
          };
          const done = await sampleWorkflowPicks(
            source,
            rules,
            bundledCatalog(),
            {
              pick: (r) => r.workflow_id,
              onPick: (p) => {
                picks.push(p);
                currentAtPick.push(current);
              },
              streamWholeStrata,
            },
          );
          expect(done.report).toEqual(want.report);
          expect(done.diagnostics).toEqual(want.diagnostics);
          // Sorted as documented, the picks are the sample.
          const order = (a: SamplePick<string>, b: SamplePick<string>) =>
            a.workflowId < b.workflowId
              ? -1
              : a.workflowId > b.workflowId
                ? 1
                : a.merchantId < b.merchantId
                  ? -1
                  : a.merchantId > b.merchantId
                    ? 1
                    : a.priority < b.priority
                      ? -1
                      : 1;
          expect([...picks].sort(order).map((p) => p.item)).toEqual(
            want.sample.map((r) => r.workflow_id),
          );
          // A stratum whose quota takes all it has hands each record over as pass 2 reads
          // it, holding none (without a target, every stratum); the rest come after the pass.
          for (const [i, p] of picks.entries())
            expect([p.workflowId, undefined]).toContain(currentAtPick[i]);
          if (!streamWholeStrata)
            expect(currentAtPick.every((c) => c === undefined)).toBe(true);
          if (streamWholeStrata && rules.target === undefined)
            expect(currentAtPick).toEqual(picks.map((p) => p.workflowId));
        }
      }),
      { numRuns: sampleRuns },
    );
  });

  it("rejects rules it cannot apply without reading the source", async () => {
    let calls = 0;
    const source = () => {
      calls += 1;
      return from([]);
    };
    for (const rules of [
      { now: "yesterday", seed: 1 },
      { now, seed: 1, target: -1 },
      { now, seed: 1.5 },
      { now, seed: 1, ranWithinDay: 30 } as SamplingRules,
      { now, seed: 1, stratifyBy: ["colour" as WorkflowTagKey] },
    ]) {
      const got = await sampleWorkflows(source, rules);
      expect(got.diagnostics[0]?.code, JSON.stringify(rules)).toBe(
        sdkCodes.sampleInvalidRules,
      );
      expect(got.sample).toEqual([]);
    }
    expect(calls).toBe(0);
  });

  it("reports a source that gives different records in its two passes", async () => {
    const records = [0, 1, 2].map((i): WorkflowRecord => ({
      workflow_id: `w${i}`,
      merchant_id: "m",
      workflow: pool[0] ?? "",
      last_run_at: null,
    }));
    let pass = 0;
    const got = await sampleWorkflows(
      () => from(records.slice(0, 3 - pass++)),
      { now, seed: 1 },
    );
    expect(got.diagnostics[0]?.code).toBe(sdkCodes.sampleSourceChanged);
  });

  it("keeps rare strata on generated records streamed twice from a JSONL file", async () => {
    const path = join(dir, "records.jsonl");
    await writeRecordsJsonl(path, { count: 1000, seed: 21, now });
    const source = async function* (): AsyncGenerator<WorkflowRecord> {
      for await (const o of readWorkflowRecords(path)) if (o.ok) yield o.record;
    };
    const rules: SamplingRules = {
      now,
      ranWithinDays: 30,
      minQualifyingPerMerchant: 3,
      maxPerMerchant: 40,
      target: 150,
      stratifyBy: ["triggerResource"],
      seed: 4,
    };
    const got = await sampleWorkflows(source, rules);
    expect(got.diagnostics).toEqual([]);
    expect(got.report.input).toBe(1000);
    expect(got.report.kept).toBe(150);
    const removed = Object.fromEntries(
      got.report.removed.map((r) => [r.rule, r.count]),
    );
    for (const rule of [
      "ran-within-days",
      "max-per-merchant",
      "stratified-target",
    ])
      expect(removed[rule], rule).toBeGreaterThan(0);
    const fair = Math.floor(150 / got.report.strata.length);
    for (const s of got.report.strata)
      expect(s.taken, s.key).toBeGreaterThanOrEqual(
        Math.min(s.available, fair),
      );
    // Rare kinds are over-represented relative to their share of the input.
    const rarest = [...got.report.strata].sort(
      (a, b) => a.available - b.available,
    )[0];
    const total = got.report.strata.reduce((a, s) => a + s.available, 0);
    if (rarest !== undefined)
      expect(rarest.taken / 150).toBeGreaterThanOrEqual(
        rarest.available / total,
      );
    const again = await sampleWorkflows(source, rules);
    expect(again).toEqual(got);
  }, 120_000);
});

describe("allocateQuotas", { timeout: 120_000 }, () => {
  const arb = fc.record({
    available: fc.array(fc.nat({ max: 60 }), { maxLength: 12 }),
    target: fc.nat({ max: 300 }),
    allocation: fc.constantFrom<Allocation>(...allocations),
  });

  it("fills exactly min(target, total), within each stratum's size, never below the fair floor", () => {
    fc.assert(
      fc.property(arb, ({ available, target, allocation }) => {
        const q = allocateQuotas(available, target, allocation);
        const total = available.reduce((a, b) => a + b, 0);
        expect(q.reduce((a, b) => a + b, 0)).toBe(Math.min(target, total));
        const weight = (n: number) =>
          n === 0
            ? 0
            : allocation === "equal"
              ? 1
              : allocation === "sqrt"
                ? Math.sqrt(n)
                : n;
        const sumW = available.reduce((a, n) => a + weight(n), 0);
        available.forEach((n, i) => {
          const qi = q[i] ?? -1;
          expect(qi).toBeGreaterThanOrEqual(0);
          expect(qi).toBeLessThanOrEqual(n);
          if (sumW > 0)
            expect(qi).toBeGreaterThanOrEqual(
              Math.min(n, Math.floor((target * weight(n)) / sumW - 1e-9)),
            );
        });
        if (allocation === "equal")
          // Max-min fair: a stratum held below its size is never more than one behind another.
          available.forEach((n, i) => {
            if ((q[i] ?? 0) < n)
              for (const qj of q)
                expect(qj).toBeLessThanOrEqual((q[i] ?? 0) + 1);
          });
      }),
      { numRuns: runs },
    );
  });
});
