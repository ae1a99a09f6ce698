import fc from "fast-check";
import { bundledCatalog } from "@flowpy/transpiler";
import { describe, expect, it } from "vitest";
import {
  createRedactor,
  judgeFacetIds,
  judgeView,
  majorityVerdict,
  readFacetAnswer,
  readJudgeInputsJsonl,
  readPairAnswer,
  type ChatMessage,
} from "../../../src/index.js";
import { MERCHANT_EMAIL, sampleWorkflow } from "./scripted-judges.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
const redactor = createRedactor({ salt: "robustness" });
const catalog = bundledCatalog();

const verdict = fc.constantFrom("pass", "fail", "n/a") as fc.Arbitrary<
  "pass" | "fail" | "n/a"
>;

describe("judge parts on any input", () => {
  it("answer readers return a value or problems, never throw, and accept exactly the asked facets", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc
            .dictionary(
              fc.constantFrom(...judgeFacetIds, "other"),
              fc.record({ verdict, rationale: fc.string() }),
            )
            .map((facets) => JSON.stringify({ facets })),
        ),
        (text) => {
          const read = readFacetAnswer(text, judgeFacetIds);
          if (read.ok) expect(read.value).toHaveLength(judgeFacetIds.length);
          else expect(read.problems.length).toBeGreaterThan(0);
          const pair = readPairAnswer(text);
          if (!pair.ok) expect(pair.problems.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: runs },
    );
  });

  it("the majority is a verdict some sample gave, its agreement the share that gave it, independent of sample order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ verdict, rationale: fc.string() }), {
          minLength: 1,
          maxLength: 9,
        }),
        (samples) => {
          const m = majorityVerdict("intent", samples);
          const count = samples.filter((s) => s.verdict === m.verdict).length;
          expect(count).toBeGreaterThan(0);
          for (const v of ["pass", "fail", "n/a"] as const)
            expect(
              samples.filter((s) => s.verdict === v).length,
            ).toBeLessThanOrEqual(count);
          if (samples.length > 1)
            expect(m.agreement).toBe(count / samples.length);
          expect(
            majorityVerdict("intent", [...samples].reverse()).verdict,
          ).toBe(m.verdict);
        },
      ),
      { numRuns: runs },
    );
  });

  it("the judge's view never throws and never shows the merchant's email", () => {
    const message: fc.Arbitrary<ChatMessage> = fc.oneof(
      fc.string().map((s) => ({
        role: "user" as const,
        content: `${s} ${MERCHANT_EMAIL}`,
      })),
      fc.string().map((s) => ({ role: "assistant" as const, content: s })),
      fc.string().map((s) => ({
        role: "tool" as const,
        tool_call_id: "c",
        content: `${MERCHANT_EMAIL} ${s}`,
      })),
    );
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 4 }),
        fc.option(fc.oneof(fc.string(), fc.constant(sampleWorkflow))),
        (conversation, workflow) => {
          const view = judgeView(
            {
              conversation,
              ...(workflow === null ? {} : { finalWorkflow: workflow }),
            },
            redactor,
            catalog,
          );
          expect(JSON.stringify(view)).not.toContain(MERCHANT_EMAIL);
        },
      ),
      { numRuns: Math.max(1, Math.floor(runs / 10)) },
    );
  });

  it("the conversations reader reports bad lines instead of throwing", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.json())), (lines) => {
        const r = readJudgeInputsJsonl(lines.join("\n"));
        if (!r.ok) expect(r.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: runs },
    );
  });
});
