import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { bundledCatalog, type FlowWorkflow } from "@flowpy/transpiler";
import { generateEvents, readWorkflow, simulate } from "../../src/index.js";
import { corpusCases, readText } from "./support/corpus.js";

const catalog = bundledCatalog();
const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

const workflows: FlowWorkflow[] = corpusCases()
  .filter((_, i) => i % 4 === 0)
  .flatMap((c) => {
    const r = readWorkflow(readText(c.document));
    return r.ok ? [r.value] : [];
  });

/** Config text built from the pieces that trip parsers: Liquid, JSON, DSL and quoting. */
const nasty = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        "{{",
        "}}",
        "{%",
        "%}",
        "|",
        " json",
        " size",
        ".first",
        "[0]",
        "order.",
        "shop.name",
        "lineItemsForeachitem.",
        '"',
        "'",
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "(",
        ")",
        "&&",
        "||",
        " == ",
        " any? |x| ",
        "nil?",
        " for x in order.lineItems ",
        "endfor",
        "if",
        "endif",
        "date_minus: ",
        '"3 days"',
        "\\",
        "\n",
        "value",
        "default_value",
        "blake3",
        "edges",
      ),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

describe("the simulator never throws", () => {
  it("on corpus workflows whose config values are replaced by garbage", () => {
    expect(workflows.length).toBeGreaterThan(30);
    fc.assert(
      fc.property(
        fc.nat({ max: workflows.length - 1 }),
        fc.nat(),
        fc.nat(),
        nasty,
        fc.nat({ max: 1000 }),
        (w, s, e, value, seed) => {
          const workflow = workflows[w] as FlowWorkflow;
          const step = workflow.steps[s % workflow.steps.length];
          if (step === undefined || step.config.length === 0) return;
          const index = e % step.config.length;
          const mutated: FlowWorkflow = {
            ...workflow,
            steps: workflow.steps.map((x) =>
              x === step
                ? {
                    ...x,
                    config: x.config.map((c, i) =>
                      i === index ? { ...c, value } : c,
                    ),
                  }
                : x,
            ),
          };
          const event = generateEvents(workflow, {
            catalog,
            seed,
            count: 1,
            perBranch: 0,
          }).events[0] ?? {
            payload: {},
          };
          const a = simulate(mutated, event, { catalog });
          expect(simulate(mutated, event, { catalog })).toEqual(a);
        },
      ),
      { numRuns: Math.max(100, Math.floor(runs / 5)) },
    );
  }, 120_000);
});
