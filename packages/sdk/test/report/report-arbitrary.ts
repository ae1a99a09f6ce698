import fc from "fast-check";
import type {
  Estimate,
  Report,
  ReportSection,
  ValueFormat,
} from "../../src/index.js";

/** Any number, including NaN, infinities and negative zero. */
const anyNumber = fc.oneof(
  fc.double(),
  fc.integer({ min: -5, max: 500 }),
  fc.double({ min: 0, max: 1, noNaN: true }),
);
const text = fc.string({ unit: "binary", maxLength: 12 });
const format = fc.constantFrom<ValueFormat>(
  "percent",
  "number",
  "integer",
  "milliseconds",
  "seconds",
  "usd",
);
const runIds = ["a", "b", "ghost"] as const;
const runId = fc.constantFrom(...runIds);
const estimate: fc.Arbitrary<Estimate> = fc.record(
  {
    value: anyNumber,
    interval: fc.record(
      { low: anyNumber, high: anyNumber, level: anyNumber },
      { requiredKeys: ["low", "high"] },
    ),
  },
  { requiredKeys: ["value"] },
);
const list = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T[]> =>
  fc.array(a, { maxLength: 5 });

const section: fc.Arbitrary<ReportSection> = fc.oneof(
  fc.record({
    kind: fc.constant("headline" as const),
    title: text,
    metrics: list(
      fc.record(
        {
          label: text,
          format,
          estimate,
          count: anyNumber,
          higherIsBetter: fc.boolean(),
          baseline: fc.record({ runId, value: anyNumber }),
        },
        { requiredKeys: ["label", "format", "estimate"] },
      ),
    ),
  }),
  fc.record(
    {
      kind: fc.constant("slice-bars" as const),
      title: text,
      metric: text,
      format,
      runIds: list(runId),
      slices: list(
        fc.record(
          {
            name: text,
            values: list(fc.record({ runId, estimate, count: anyNumber })),
            regressed: fc.boolean(),
          },
          { requiredKeys: ["name", "values"] },
        ),
      ),
      higherIsBetter: fc.boolean(),
    },
    { requiredKeys: ["kind", "title", "metric", "format", "runIds", "slices"] },
  ),
  fc.record({
    kind: fc.constant("failure-share" as const),
    title: text,
    totalFailures: anyNumber,
    slices: list(fc.record({ name: text, failures: anyNumber })),
  }),
  fc.record({
    kind: fc.constant("confusion-matrices" as const),
    title: text,
    facets: list(
      fc.record(
        {
          facet: text,
          labels: list(text),
          counts: list(list(anyNumber)),
          kappa: estimate,
          weighted: fc.boolean(),
          requiredKappa: anyNumber,
          gating: fc.boolean(),
          baseRate: anyNumber,
        },
        {
          requiredKeys: [
            "facet",
            "labels",
            "counts",
            "kappa",
            "requiredKappa",
            "gating",
          ],
        },
      ),
    ),
  }),
  fc.record(
    {
      kind: fc.constant("deltas" as const),
      title: text,
      metric: text,
      format,
      runId,
      baselineRunId: runId,
      deltas: list(
        fc.record(
          {
            name: text,
            delta: estimate,
            significant: fc.boolean(),
            count: anyNumber,
          },
          { requiredKeys: ["name", "delta", "significant"] },
        ),
      ),
      higherIsBetter: fc.boolean(),
    },
    {
      requiredKeys: [
        "kind",
        "title",
        "metric",
        "format",
        "runId",
        "baselineRunId",
        "deltas",
      ],
    },
  ),
  fc.record(
    {
      kind: fc.constant("histogram" as const),
      title: text,
      quantity: text,
      format,
      series: list(
        fc.record({
          runId,
          bins: list(
            fc.record({ low: anyNumber, high: anyNumber, count: anyNumber }),
          ),
        }),
      ),
      markers: list(fc.record({ label: text, value: anyNumber })),
    },
    { requiredKeys: ["kind", "title", "quantity", "format", "series"] },
  ),
  fc.record({
    kind: fc.constant("table" as const),
    title: text,
    columns: list(
      fc.record({ label: text, format }, { requiredKeys: ["label"] }),
    ),
    rows: list(list(fc.oneof(text, anyNumber, fc.constant(null)))),
  }),
  fc.record(
    {
      kind: fc.constant("notes" as const),
      title: text,
      tone: fc.constantFrom("info" as const, "warning" as const),
      paragraphs: list(text),
    },
    { requiredKeys: ["kind", "title", "paragraphs"] },
  ),
);

/** Reports of every shape the types allow, with hostile strings and broken numbers. */
export const reportArbitrary: fc.Arbitrary<Report> = fc.record({
  header: fc.record(
    {
      title: text,
      scope: fc.oneof(
        fc.record({ kind: fc.constant("run" as const), runId: text }),
        fc.record({ kind: fc.constant("week" as const), week: text }),
      ),
      model: text,
      judge: fc.record({ model: text, version: text, promptHash: text }),
      dataset: fc.record({ name: text, version: text }),
      generatedAt: text,
      facts: list(fc.record({ label: text, value: text })),
    },
    { requiredKeys: ["title", "scope", "model"] },
  ),
  runs: fc.constant([
    { id: "a", label: "A" },
    { id: "b", label: "B", model: "m" },
  ]),
  sections: fc.array(section, { maxLength: 6 }),
  footnotes: list(text),
});
