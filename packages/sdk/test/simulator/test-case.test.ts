import { describe, expect, it } from "vitest";
import { bundledCatalog, codes, flowToPython } from "@flowpy/transpiler";
import {
  createReward,
  createRewardFunction,
  createTestCase,
  equivalent,
  generateEvents,
  parseTestCase,
  readWorkflow,
  runTestCase,
  sdkCodes,
  testCaseToJson,
  type SimRecord,
} from "../../src/index.js";
import { conditionFlow, flowDocument, tagStep } from "./support/build.js";

const catalog = bundledCatalog();

const document = flowDocument(
  "shopify::admin::order_created",
  [
    {
      id: 2,
      task: "shopify::flow::condition",
      config: { condition: "(order.totalPriceSet.shopMoney.amount >= 500)" },
    },
    tagStep(3, "big"),
    tagStep(4, "small"),
  ],
  [
    [1, "output", 2],
    [2, "true", 3],
    [2, "false", 4],
  ],
) as SimRecord;

const reference = (() => {
  const r = readWorkflow(JSON.stringify(document));
  if (!r.ok) throw new Error("fixture");
  return r.value;
})();

const events = generateEvents(reference, { catalog, seed: 3, count: 6 }).events;

describe("test cases as data", () => {
  it("round-trips through canonical JSON and passes on its own workflow", () => {
    const created = createTestCase(document, events, { catalog });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    const json = testCaseToJson(created.value);
    const parsed = parseTestCase(JSON.parse(json));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(testCaseToJson(parsed.value)).toBe(json);
    const report = runTestCase(parsed.value, { catalog });
    expect(report).toMatchObject({
      pass: true,
      passed: events.length,
      total: events.length,
    });
  });

  it("fails with the first mismatch when a workflow does something else", () => {
    const created = createTestCase(document, events, { catalog });
    if (!created.ok) throw new Error("fixture");
    const other = conditionFlow(
      "(order.totalPriceSet.shopMoney.amount >= 501)",
    );
    const report = runTestCase(created.value, { catalog, workflow: other });
    expect(report.pass).toBe(false);
    expect(report.firstMismatch?.expected).not.toEqual(
      report.firstMismatch?.actual,
    );
    expect(report.firstMismatch?.trace.some((e) => e.kind === "branch")).toBe(
      true,
    );
  });

  it("rejects malformed test cases with located diagnostics", () => {
    const bad = parseTestCase({
      workflow: document,
      events: [{ payload: {} }],
      expectedTraces: [],
    });
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0]).toMatchObject({
      code: sdkCodes.simTestCaseInvalid,
      path: ["expectedTraces"],
    });
    const wrong = parseTestCase({
      workflow: document,
      events: [{ payload: 3 }],
      expectedTraces: [[]],
    });
    expect(wrong.diagnostics[0]?.path).toEqual(["events", 0, "payload"]);
    expect(parseTestCase("nope").ok).toBe(false);
  });
});

describe("order policy", () => {
  it("compares actions in order, or as a multiset for the kinds asked", () => {
    const chain = (first: string, second: string) => {
      const r = readWorkflow(
        JSON.stringify(
          flowDocument(
            "shopify::admin::order_created",
            [tagStep(2, first), tagStep(3, second)],
            [
              [1, "output", 2],
              [2, "output", 3],
            ],
          ),
        ),
      );
      if (!r.ok) throw new Error("fixture");
      return r.value;
    };
    const ab = chain("a", "b");
    const ba = chain("b", "a");
    const evs = [{ payload: { order: { id: "o1" }, shop: {} } }];
    expect(equivalent(ab, ba, { events: evs, catalog }).score).toBe(0);
    expect(
      equivalent(ab, ba, { events: evs, catalog, order: "multiset" }).score,
    ).toBe(1);
    expect(
      equivalent(ab, ba, {
        events: evs,
        catalog,
        order: { "shopify::admin::add_order_tags": "multiset" },
      }).score,
    ).toBe(1);
    expect(
      equivalent(ab, ba, {
        events: evs,
        catalog,
        order: { "shopify::admin::add_customer_tags": "multiset" },
      }).score,
    ).toBe(0);
    // A multiset still counts: one action twice is not the same as once.
    expect(
      equivalent(ab, chain("a", "a"), {
        events: evs,
        catalog,
        order: "multiset",
      }).score,
    ).toBe(0);
  });
});

const reward = await createRewardFunction({ catalog, seed: 5, count: 8 });

describe("reward", () => {
  const python = (() => {
    const py = flowToPython(JSON.stringify(document));
    if (!py.ok) throw new Error("fixture");
    return py.value.python;
  })();

  it("gives full reward to Python that behaves like the reference", () => {
    const r = reward({ prompt: "Tag big orders" }, python, reference);
    expect(r).toMatchObject({
      compiles: true,
      executionScore: 1,
      reward: 1,
      prompt: "Tag big orders",
    });
  });

  it("scores a wrong threshold below 1 and explains the difference", () => {
    const r = reward(
      { prompt: "Tag big orders" },
      python.replace(">= 500", ">= 600"),
      reference,
    );
    expect(r.compiles).toBe(true);
    expect(r.executionScore).toBeGreaterThan(0);
    expect(r.executionScore).toBeLessThan(1);
    expect(r.reward).toBe(r.executionScore);
    expect(r.firstDifference?.candidateTrace).not.toEqual(
      r.firstDifference?.referenceTrace,
    );
  });

  it("gives no reward to Python that does not compile, with its diagnostics", () => {
    const r = reward({ prompt: "Tag big orders" }, "def run(:\n", reference);
    expect(r).toMatchObject({ compiles: false, executionScore: 0, reward: 0 });
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });

  it("gives no reward to Python the catalog rejects (a misspelled config field)", () => {
    const wrong = python.replace(/\btags=/, "tagz=");
    expect(wrong).not.toBe(python);
    const r = reward({ prompt: "Tag big orders" }, wrong, reference);
    expect(r).toMatchObject({ compiles: false, executionScore: 0, reward: 0 });
    expect(r.diagnostics.map((d) => d.code)).toContain(
      codes.flowUnknownConfigField,
    );
  });

  it("uses the injected compiler", () => {
    const custom = createReward({
      catalog,
      compile: {
        compile: (raw) => ({
          ok: false,
          python: raw,
          diagnostics: [{ code: "x", severity: "error", message: "rejected" }],
          notes: [],
        }),
      },
    });
    expect(custom({ prompt: "p" }, python, reference)).toMatchObject({
      compiles: false,
      reward: 0,
      diagnostics: [{ code: "x" }],
    });
  });

  it("is deterministic", () => {
    const p = python.replace(">= 500", "> 500");
    expect(reward({ prompt: "x" }, p, reference)).toEqual(
      reward({ prompt: "x" }, p, reference),
    );
  });
});
