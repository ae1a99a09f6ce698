import fc from "fast-check";
import type { FlowStep } from "@flowpy/transpiler";
import { walk, type Environment } from "./environment.js";
import {
  canonicalJson,
  deepMerge,
  isRecord,
  seedOf,
  type SimRecord,
  type SimValue,
} from "./sim-value.js";
import {
  unknownArbitrary,
  valueArbitrary,
  type ArbitraryContext,
} from "./value-arbitrary.js";
import type { StepOutput } from "./workflow-plan.js";
import type { Usage } from "./usage.js";

/**
 * The value a step's output variable gets. Count and Sum are computed from the list they
 * name; Get data, Run code, Admin API and HTTP results are generated from the output's
 * type, seeded by the event and the step's rendered arguments, so the same event and the
 * same request always give the same data. A stub for the variable is merged on top.
 */
export function stepOutputValue(
  step: FlowStep,
  output: StepOutput,
  args: SimRecord,
  env: Environment,
  eventSeed: () => string,
  stub: SimValue | undefined,
  usage: Usage,
  arbitraries: ArbitraryContext,
): SimValue {
  let value: SimValue;
  switch (output.kind) {
    case "count":
    case "sum": {
      const listPath = String(args["listpath"] ?? "");
      const [root = "", ...rest] = listPath.split(".");
      const base = env.vars.get(root)?.value ?? null;
      const items = flatten(walk(base, rest));
      value =
        output.kind === "count"
          ? items.length
          : round(
              items.reduce<number>((acc, v) => {
                const n = typeof v === "number" ? v : Number(v);
                return typeof v !== "boolean" &&
                  v !== null &&
                  Number.isFinite(n)
                  ? acc + n
                  : acc;
              }, 0),
            );
      break;
    }
    default: {
      const usageNode = usage.get(output.variable);
      const shape = arbitraries.types.shape(output.type.name);
      const arb =
        shape.kind === "unknown"
          ? usageNode === undefined
            ? fc.constant<SimValue>({})
            : unknownArbitrary(usageNode, arbitraries, 0, output.variable)
          : valueArbitrary(output.type, usageNode, arbitraries);
      const seed = seedOf(eventSeed(), step.taskId, canonicalJson(args));
      value = fc.sample(arb, { seed, numRuns: 1 })[0] ?? null;
    }
  }
  if (stub === undefined) return value;
  return isRecord(value) && isRecord(stub) ? deepMerge(value, stub) : stub;
}

function flatten(v: SimValue): readonly SimValue[] {
  if (v === null) return [];
  return Array.isArray(v) ? (v as readonly SimValue[]) : [v];
}

/** Sums of money amounts stay exact to the cent-and-below without float noise. */
function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
