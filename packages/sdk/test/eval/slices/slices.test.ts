import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  conversationTags,
  failureShares,
  gapSuggestions,
  mcnemarExact,
  normalCdf,
  regressedSlices,
  requestKind,
  sliceKeys,
  sliceMetrics,
  wilsonInterval,
  type ChatMessage,
  type ConversationTags,
  type SliceInput,
} from "../../../src/index.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
const corpus = join(import.meta.dirname, "../../../../../corpus");
const EMAIL = readFileSync(
  join(corpus, "customers/clean-up-disabled-accounts/workflow.json"),
  "utf8",
);
const user = (content: string): ChatMessage => ({ role: "user", content });

describe("request kind", () => {
  it.each([
    ["Create a workflow that tags orders over $500 as VIP", "create"],
    ["When an order is paid, then send me an email", "create"],
    ["I need to notify Slack when inventory drops below 5", "create"],
    [
      "Can you set up a flow that emails the customer when their order ships?",
      "create",
    ],
    ["How do I see why my workflow did not run?", "question"],
    ["What is the difference between a trigger and an action?", "question"],
    ["Does Flow support sending SMS?", "question"],
    ["Please change my workflow so it also tags the customer", "edit"],
    ["Update the existing workflow to use 1000 instead of 500", "edit"],
    ["My workflow should also add a note instead", "edit"],
  ] as const)("%s → %s", (text, kind) => {
    expect(requestKind([user(text)])).toBe(kind);
  });

  it("is an edit when a turn carries the current workflow, whatever the wording", () => {
    expect(requestKind([user(`Here you go:\n${EMAIL}`)])).toBe("edit");
    expect(
      requestKind([
        { role: "system", content: `Current workflow: ${EMAIL}` },
        user("make it weekly?"),
      ]),
    ).toBe("edit");
    // A workflow the assistant wrote is not the merchant's current one.
    expect(
      requestKind([
        user("Build me an email workflow"),
        { role: "assistant", content: EMAIL },
      ]),
    ).toBe("create");
  });
});

describe("conversation tags", () => {
  it("carry the workflow's tags, or those of no workflow", () => {
    const tagged = conversationTags({
      conversation: [user("Email me about disabled accounts")],
      workflow: EMAIL,
    });
    expect(tagged).toMatchObject({
      requestKind: "create",
      workflowTagged: true,
      email: true,
    });
    expect(tagged.actionFamilies).toContain("email");
    const question = conversationTags({
      conversation: [user("How do waits work?")],
    });
    expect(question).toMatchObject({
      requestKind: "question",
      workflowTagged: false,
      trigger: "none",
      stepCount: 0,
      email: false,
    });
    const broken = conversationTags({
      conversation: [user("Make a workflow")],
      workflow: "{not json",
    });
    expect(broken.workflowTagged).toBe(false);
    expect(sliceKeys(question)).toContain("requestKind=question");
    expect(sliceKeys(question)).toContain("actionFamilies=none");
  });
});

const tagsArb: fc.Arbitrary<ConversationTags> = fc.record({
  requestKind: fc.constantFrom("create", "edit", "question"),
  workflowTagged: fc.boolean(),
  trigger: fc.constantFrom("shopify::admin::order_created", "none"),
  triggerResource: fc.constantFrom("order", "customer", "none"),
  actionFamilies: fc
    .uniqueArray(fc.constantFrom("email", "tags", "http"), { maxLength: 3 })
    .map((a) => [...a].sort()),
  conditionPatterns: fc
    .uniqueArray(fc.constantFrom("and", "equality", "ordering"), {
      maxLength: 2,
    })
    .map((a) => [...a].sort()),
  apps: fc
    .uniqueArray(fc.constantFrom("slack", "asana"), { maxLength: 2 })
    .map((a) => [...a].sort()),
  email: fc.boolean(),
  loops: fc.boolean(),
  liquid: fc.boolean(),
  waits: fc.boolean(),
  http: fc.boolean(),
  metafields: fc.boolean(),
  unknownTasks: fc.boolean(),
  size: fc.constantFrom("small", "medium", "large"),
  stepCount: fc.integer({ min: 0, max: 9 }),
});

const rowsArb: fc.Arbitrary<SliceInput[]> = fc.array(
  fc.record({
    tags: tagsArb,
    metrics: fc.record(
      { pass: fc.boolean(), turns: fc.integer({ min: 0, max: 6 }) },
      { requiredKeys: [] },
    ),
  }),
  { maxLength: 25 },
);

/** Members of a slice by the definition: every row whose slice keys include it. */
function members(
  rows: readonly SliceInput[],
  key: string,
): readonly SliceInput[] {
  return rows.filter((r) => key === "all" || sliceKeys(r.tags).includes(key));
}

describe("slice metrics", () => {
  it("agree with a brute-force count per slice, with Wilson intervals for rates", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const table = sliceMetrics(rows, { resamples: 50 });
        const keys = new Set(
          rows.length === 0
            ? []
            : ["all", ...rows.flatMap((r) => sliceKeys(r.tags))],
        );
        expect(new Set(table.slices.map((s) => s.key))).toEqual(keys);
        if (rows.length > 0) expect(table.slices[0]?.key).toBe("all");
        for (const slice of table.slices) {
          const m = members(rows, slice.key);
          expect(slice.n).toBe(m.length);
          const pass = m.flatMap((r) =>
            r.metrics["pass"] === undefined ? [] : [r.metrics["pass"]],
          );
          const got = slice.metrics["pass"];
          if (pass.length === 0) expect(got).toBeUndefined();
          else {
            const successes = pass.filter((p) => p === true).length;
            const wilson = wilsonInterval(successes, pass.length);
            expect(got).toEqual({
              kind: "rate",
              n: pass.length,
              successes,
              failures: pass.length - successes,
              value: successes / pass.length,
              interval: wilson.ok ? wilson.value.interval : null,
            });
          }
          const turns = m.flatMap((r) =>
            r.metrics["turns"] === undefined
              ? []
              : [Number(r.metrics["turns"])],
          );
          const mean = slice.metrics["turns"];
          if (turns.length === 0) expect(mean).toBeUndefined();
          else {
            expect(mean?.kind).toBe("mean");
            expect(mean?.n).toBe(turns.length);
            expect(mean?.failures).toBe(turns.filter((t) => t === 0).length);
            expect(mean?.value).toBeCloseTo(
              turns.reduce((s, t) => s + t, 0) / turns.length,
              12,
            );
            if (turns.length >= 2 && mean?.interval) {
              expect(mean.interval.low).toBeLessThanOrEqual(Math.max(...turns));
              expect(mean.interval.high).toBeGreaterThanOrEqual(
                Math.min(...turns),
              );
            }
          }
        }
      }),
      { numRuns: Math.max(1, Math.floor(runs / 4)) },
    );
  });

  it("give each slice its brute-force share of the failures; a single-valued dimension's shares add up to 1", () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const table = sliceMetrics(rows, { resamples: 10 });
        const shares = failureShares(table, "pass");
        const total = rows.filter((r) => r.metrics["pass"] === false).length;
        if (total === 0) {
          expect(shares).toEqual([]);
          return;
        }
        for (const s of shares) {
          const failures = members(rows, s.slice).filter(
            (r) => r.metrics["pass"] === false,
          ).length;
          expect(s.failures).toBe(failures);
          expect(s.share).toBeCloseTo(failures / total, 12);
        }
        for (let i = 1; i < shares.length; i++)
          expect(
            (shares[i - 1]?.failures ?? 0) >= (shares[i]?.failures ?? 0),
          ).toBe(true);
        for (const dim of ["email", "size", "requestKind"])
          expect(
            shares
              .filter((s) => s.slice.startsWith(`${dim}=`))
              .reduce((a, s) => a + s.share, 0),
          ).toBeCloseTo(1, 12);
      }),
      { numRuns: runs },
    );
  });
});

const baseTags = (email: boolean): ConversationTags => ({
  ...conversationTags({ conversation: [user("Create a workflow")] }),
  email,
});

function run(
  passOf: (i: number, email: boolean) => boolean,
  prefix = "ex",
): SliceInput[] {
  return Array.from({ length: 80 }, (_, i) => {
    const email = i % 4 === 0;
    return {
      id: `${prefix}-${i}`,
      tags: baseTags(email),
      metrics: { pass: passOf(i, email) },
    };
  });
}

describe("regressed slices", () => {
  const a = sliceMetrics(run(() => true));
  const b = sliceMetrics(run((i, email) => !email || i % 3 === 0));

  it("finds the slice that dropped, with McNemar's test on the paired examples", () => {
    const found = regressedSlices(a, b, { metric: "pass" });
    const email = found.find((r) => r.slice === "email=yes");
    expect(email).toBeDefined();
    const emailIds = Array.from({ length: 80 }, (_, i) => i).filter(
      (i) => i % 4 === 0,
    );
    const lost = emailIds.filter((i) => i % 3 !== 0).length;
    expect(email).toMatchObject({
      test: "mcnemar",
      pairs: emailIds.length,
      nA: 20,
      nB: 20,
      before: 1,
    });
    expect(email?.after).toBeCloseTo(1 - lost / 20, 12);
    expect(email?.pValue).toBe(mcnemarExact(lost, 0).pValue);
    expect(email?.impact).toBeCloseTo(lost, 12);
    // The slice that did not change is not reported; the largest impact comes first.
    expect(found.map((r) => r.slice)).not.toContain("email=no");
    for (let i = 1; i < found.length; i++)
      expect((found[i - 1]?.impact ?? 0) >= (found[i]?.impact ?? 0)).toBe(true);
  });

  it("uses a two-sample test when the runs share no examples, and skips slices under the minimum n", () => {
    const other = sliceMetrics(
      run((i, email) => !email || i % 3 === 0, "other"),
    );
    const found = regressedSlices(a, other, { metric: "pass" });
    const email = found.find((r) => r.slice === "email=yes");
    expect(email?.test).toBe("two_proportion_z");
    const pa = 1;
    const pb = email?.after ?? Number.NaN;
    const pooled = (pa * 20 + pb * 20) / 40;
    const z = (pa - pb) / Math.sqrt(pooled * (1 - pooled) * (2 / 20));
    expect(email?.pValue).toBeCloseTo(2 * (1 - normalCdf(z)), 12);
    expect(
      regressedSlices(a, other, { metric: "pass", minN: 21 }).map(
        (r) => r.slice,
      ),
    ).not.toContain("email=yes");
    expect(regressedSlices(a, a, { metric: "pass" })).toEqual([]);
  });
});

describe("gap suggestions", () => {
  it("name the slice that is worse than the whole, never a slice of absence", () => {
    const table = sliceMetrics(run((i, email) => !email || i % 8 === 0));
    const gaps = gapSuggestions(table, { metric: "pass" });
    expect(gaps.map((g) => g.slice)).toEqual(["email=yes"]);
    const gap = gaps[0];
    const overall = table.slices[0]?.metrics["pass"]?.value ?? Number.NaN;
    expect(gap?.deficit).toBeCloseTo(
      20 * (overall - (gap?.metricValue ?? 0)),
      12,
    );
    expect(gap?.suggestedExamples).toBe(
      Math.max(10, Math.ceil((gap?.deficit ?? 0) * 5)),
    );
    expect(
      gapSuggestions(sliceMetrics(run(() => true)), { metric: "pass" }),
    ).toEqual([]);
  });
});
