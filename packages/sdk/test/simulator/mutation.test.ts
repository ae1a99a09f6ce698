import { describe, expect, it } from "vitest";
import {
  bundledCatalog,
  type FlowWorkflow,
  type StepKey,
} from "@flowpy/transpiler";
import {
  equivalent,
  generateEvents,
  readWorkflow,
  type TriggerEvent,
} from "../../src/index.js";
import { corpusCases, readText } from "./support/corpus.js";
import {
  canonicalKey,
  canonicalVariants,
  mutants,
  reachable,
  type Mutant,
} from "./support/mutations.js";

const catalog = bundledCatalog();

interface Loaded {
  readonly name: string;
  readonly text: string;
  readonly workflow: FlowWorkflow;
  readonly events: readonly TriggerEvent[];
}

const loaded: Loaded[] = corpusCases().flatMap((c) => {
  const text = readText(c.document);
  const read = readWorkflow(text);
  if (!read.ok) return [];
  const events = generateEvents(read.value, {
    catalog,
    seed: 1,
    count: 20,
  }).events;
  return [{ name: c.name, text, workflow: read.value, events }];
});

/**
 * Why a mutant cannot change behaviour, or undefined when it can. Each rule is sound:
 * - the mutant is canonically equal to the workflow (same meaning by construction);
 * - the mutated step is unreachable from the trigger, so it never runs;
 * - the mutated condition leads to the same steps on both ports (often none), so its
 *   outcome is never observable.
 */
function equivalenceRule(
  original: FlowWorkflow,
  mutant: Mutant,
): string | undefined {
  if (canonicalKey(mutant.workflow) === canonicalKey(original))
    return "canonically equal";
  if (!reachable(original).has(mutant.step))
    return "mutated step is unreachable";
  if (
    mutant.kind === "flip-operator" ||
    mutant.kind === "change-literal" ||
    mutant.kind === "swap-branches"
  ) {
    const targets = (port: string): string =>
      original.links
        .filter((l) => l.from === mutant.step && l.fromPort === port)
        .map((l) => l.to)
        .sort()
        .join(",");
    if (targets("true") === targets("false"))
      return "both branches lead to the same steps";
  }
  return undefined;
}

describe("execution-based equivalence on the corpus", () => {
  it("never flags a canonically equal variant", () => {
    let variants = 0;
    for (const w of loaded) {
      for (const v of canonicalVariants(w.text, w.workflow)) {
        expect(canonicalKey(v.workflow), `${w.name}: ${v.name}`).toBe(
          canonicalKey(w.workflow),
        );
        const own = generateEvents(v.workflow, {
          catalog,
          seed: 2,
          count: 0,
          perBranch: 1,
        }).events;
        const r = equivalent(v.workflow, w.workflow, {
          events: [...w.events, ...own],
          catalog,
        });
        expect(r.firstDifference, `${w.name}: ${v.name}`).toBeUndefined();
        expect(r.score).toBe(1);
        variants++;
      }
    }
    expect(variants).toBeGreaterThanOrEqual(3 * loaded.length - 5);
  }, 300_000);

  it("detects at least 95% of the single mutations that change behaviour", () => {
    const byKind = new Map<string, { detected: number; total: number }>();
    const missed: string[] = [];
    const equivalentByRule: string[] = [];
    for (const w of loaded) {
      for (const m of mutants(w.workflow)) {
        const rule = equivalenceRule(w.workflow, m);
        if (rule !== undefined) {
          equivalentByRule.push(`${w.name} ${m.kind} ${m.step}: ${rule}`);
          // A justified equivalent mutant must also behave the same on the events.
          expect(
            equivalent(m.workflow, w.workflow, { events: w.events, catalog })
              .score,
          ).toBe(1);
          continue;
        }
        const own = generateEvents(m.workflow, {
          catalog,
          seed: 1,
          count: 0,
          perBranch: 1,
        }).events;
        const r = equivalent(m.workflow, w.workflow, {
          events: [...w.events, ...own],
          catalog,
        });
        const stats = byKind.get(m.kind) ?? { detected: 0, total: 0 };
        stats.total++;
        if (r.score < 1) stats.detected++;
        else
          missed.push(
            `${w.name} ${m.kind} ${m.step as StepKey} ${m.description}`,
          );
        byKind.set(m.kind, stats);
      }
    }
    const detected = [...byKind.values()].reduce((n, s) => n + s.detected, 0);
    const total = [...byKind.values()].reduce((n, s) => n + s.total, 0);
    console.log(
      [
        `mutation detection: ${detected}/${total} (${((100 * detected) / total).toFixed(1)}%) of non-equivalent mutants; ${equivalentByRule.length} equivalent by rule`,
        ...[...byKind].map(([k, s]) => `  ${k}: ${s.detected}/${s.total}`),
        ...equivalentByRule.map((e) => `  equivalent: ${e}`),
        ...missed.map((m) => `  missed: ${m}`),
      ].join("\n"),
    );
    expect(total).toBeGreaterThan(900);
    expect(detected / total).toBeGreaterThanOrEqual(0.95);
    for (const kind of [
      "flip-operator",
      "change-literal",
      "drop-action",
      "swap-branches",
      "change-tag",
      "move-out-of-loop",
    ])
      expect(byKind.get(kind)?.total ?? 0, kind).toBeGreaterThan(0);
  }, 600_000);
});
