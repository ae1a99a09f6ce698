import type {
  Catalog,
  Diagnostic,
  FlowStep,
  FlowWorkflow,
  StepKey,
} from "@flowpy/transpiler";
import { stepArguments } from "./config-arguments.js";
import {
  afterWait,
  bind,
  resolvePath,
  type Environment,
} from "./environment.js";
import { evaluateCondition, unboundProblem } from "./evaluate-condition.js";
import { liquidForm } from "./liquid-scope.js";
import { themeStyleField } from "./path-types.js";
import { sdkCodes } from "../sdk-codes.js";
import { canonicalJson, type SimRecord, type SimValue } from "./sim-value.js";
import { stepOutputValue } from "./step-outputs.js";
import {
  observable,
  observableKey,
  type SimulationResult,
  type TraceEntry,
  type TriggerEvent,
} from "./trace.js";
import { createArbitraryContext } from "./value-arbitrary.js";
import { planWorkflow, type WorkflowPlan } from "./workflow-plan.js";

/*
 * The executor walks the workflow model (never Python text, never eval). Choices where
 * the SPEC is silent or where a simulation must differ from a live shop:
 * - The run starts at the first TRIGGER; an event's payload supplies its root variables.
 * - A step with several incoming links runs once per arrival (each path runs on its own).
 * - Parallel branches of one port have no order in Flow; they run one after the other
 *   and appear sorted by what they do (see `SimulationResult.trace`).
 * - A ForEach over more than 100 items runs the first 100 and records the truncation
 *   (Flow fails such runs; the trace keeps what the first 100 would do).
 * - A Wait is recorded, not slept. Get data, Count and Sum outputs are gone after it;
 *   the trigger payload stays as it was (Flow re-reads it, an event has one payload).
 * - Outputs of Get data, Run code, Admin API and HTTP steps come from stubs, else are
 *   generated from the output type, seeded by the event and the step's arguments.
 * - Liquid renders in UTC with the fixed `now`; `money` prints two decimals.
 * - A step whose config cannot be rendered, or a condition naming a variable out of
 *   scope, becomes a failure entry and its path stops; other paths go on.
 */

export interface SimulateOptions {
  readonly catalog: Catalog;
  /** Step outputs by variable name for every event (an event's own stubs win). */
  readonly stubs?: SimRecord;
  /** The fixed clock Liquid's "now" and generated dates use (ISO-8601); default `DEFAULT_NOW`. */
  readonly now?: string;
}

export type Simulator = (event: TriggerEvent) => SimulationResult;

/** SPEC §a.7: a ForEach runs at most 100 items. */
export const FOREACH_LIMIT = 100;
/** Steps one run may execute before it is stopped (nested loops multiply). */
export const STEP_BUDGET = 50_000;
/** Nesting of branches the executor follows before it stops a path. */
const MAX_DEPTH = 400;

/** Runs `workflow` on one event. Prefer `createSimulator` for many events. */
export function simulate(
  workflow: FlowWorkflow,
  event: TriggerEvent,
  options: SimulateOptions,
): SimulationResult {
  return createSimulator(workflow, options)(event);
}

/**
 * Prepares `workflow` once and returns a function that runs it on an event. Runs never
 * throw and never sleep: problems are diagnostics and failure entries in the trace.
 */
export function createSimulator(
  workflow: FlowWorkflow,
  options: SimulateOptions,
): Simulator {
  return simulatorOf(
    planWorkflow(workflow, options.catalog, options.now),
    options.stubs,
  );
}

/** A simulator over an already prepared plan (the event generator shares one). */
export function simulatorOf(plan: WorkflowPlan, stubs?: SimRecord): Simulator {
  const arbitraries = createArbitraryContext(plan.types, plan.now.getTime());
  return (event) => run(plan, arbitraries, event, stubs);
}

interface Run {
  readonly plan: WorkflowPlan;
  readonly arbitraries: ReturnType<typeof createArbitraryContext>;
  readonly stubs: SimRecord;
  /** Canonical text of the payload, computed only if a step output needs a seed. */
  readonly eventSeed: () => string;
  readonly diagnostics: Diagnostic[];
  readonly warnedSteps: Set<StepKey>;
  /** Liquid views of bound values, built once per binding in this run. */
  readonly liquidViews: WeakMap<object, unknown>;
  steps: number;
}

function run(
  plan: WorkflowPlan,
  arbitraries: Run["arbitraries"],
  event: TriggerEvent,
  optionStubs: SimRecord | undefined,
): SimulationResult {
  if (plan.problems.length > 0)
    return { trace: [], diagnostics: plan.problems };
  const payload = isPlainRecord(event.payload) ? event.payload : {};
  const r: Run = {
    plan,
    arbitraries,
    stubs: {
      ...(optionStubs ?? {}),
      ...(isPlainRecord(event.stubs) ? event.stubs : {}),
    },
    eventSeed: (() => {
      let seed: string | undefined;
      return () => (seed ??= canonicalJson(payload));
    })(),
    diagnostics: [],
    warnedSteps: new Set(),
    liquidViews: new WeakMap(),
    steps: 0,
  };
  const vars = new Map(
    Object.entries(payload).map(([k, value]) => [
      k,
      { value, expiresOnWait: false },
    ]),
  );
  const env: Environment = { vars, expired: new Set() };
  const trigger = plan.triggers[0];
  const trace =
    trigger === undefined ? [] : targets(r, trigger.key, "output", env, 0);
  return { trace, diagnostics: dedupe(r.diagnostics) };
}

function isPlainRecord(v: unknown): v is SimRecord {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Every step linked from one port; parallel branches sorted by what they do. */
function targets(
  r: Run,
  from: StepKey,
  port: string,
  env: Environment,
  depth: number,
): TraceEntry[] {
  const keys = r.plan.graph.targets(from, port);
  if (keys.length === 1 && keys[0] !== undefined)
    return chain(r, keys[0], env, depth + 1);
  const branches = keys.map((k) => chain(r, k, env, depth + 1));
  if (branches.length > 1) {
    const keyed = branches.map((b) => ({
      b,
      k: observable(b).map(observableKey).join("\n"),
      full: canonicalJson(b as unknown as SimValue),
    }));
    keyed.sort((x, y) =>
      x.k < y.k
        ? -1
        : x.k > y.k
          ? 1
          : x.full < y.full
            ? -1
            : x.full > y.full
              ? 1
              : 0,
    );
    return keyed.flatMap((x) => x.b);
  }
  return branches.flat();
}

/** One step and what follows it; straight continuations loop instead of recursing. */
function chain(
  r: Run,
  start: StepKey,
  startEnv: Environment,
  depth: number,
): TraceEntry[] {
  const out: TraceEntry[] = [];
  let key: StepKey | undefined = start;
  let env = startEnv;
  while (key !== undefined) {
    const step = r.plan.graph.steps.get(key);
    if (step === undefined) break;
    if (++r.steps > STEP_BUDGET || depth > MAX_DEPTH) {
      out.push(
        failure(
          step,
          sdkCodes.simStepLimit,
          "the run executed too many steps or nested too deep; stopped",
        ),
      );
      break;
    }
    const next = runStep(r, step, env, depth, out);
    key = undefined;
    if (next === undefined) break;
    const keys = r.plan.graph.targets(step.key, next.port);
    if (keys.length === 1 && keys[0] !== undefined) {
      key = keys[0];
      env = next.env;
    } else out.push(...targets(r, step.key, next.port, next.env, depth));
  }
  return out;
}

/** Runs one step, appending its entries; returns the port to continue from, if any. */
function runStep(
  r: Run,
  step: FlowStep,
  env: Environment,
  depth: number,
  out: TraceEntry[],
): { port: string; env: Environment } | undefined {
  switch (step.taskType) {
    case "TRIGGER":
      return undefined;
    case "CONDITION": {
      const condition = r.plan.conditions.get(step.key);
      if (condition === undefined) {
        out.push(
          failure(
            step,
            sdkCodes.simConditionInvalid,
            "the condition decodes in neither the DSL nor the tree encoding",
          ),
        );
        return undefined;
      }
      const outcome = evaluateCondition(condition, env);
      if (outcome.kind === "failed") {
        out.push(failure(step, outcome.problem.code, outcome.problem.message));
        return undefined;
      }
      note(r, step, outcome.problems);
      const port = outcome.value ? "true" : "false";
      out.push({
        kind: "branch",
        stepKey: step.key,
        port,
        reason: outcome.reason,
      });
      return { port, env };
    }
    case "FOREACH": {
      const loop = r.plan.foreach.get(step.key);
      const listPath = loop?.listPath ?? "";
      const resolved = resolvePath(env, listPath);
      if (resolved.kind === "unbound") {
        const p = unboundProblem(resolved.root, resolved.expired, listPath);
        out.push(failure(step, p.code, p.message));
        return undefined;
      }
      let items: readonly SimValue[] = [];
      if (Array.isArray(resolved.value))
        items = resolved.value as readonly SimValue[];
      else if (resolved.value !== null)
        note(r, step, [
          {
            code: sdkCodes.simForeachNotList,
            severity: "warning",
            message: `${listPath} is not a list; the loop body does not run`,
          },
        ]);
      const truncated = items.length > FOREACH_LIMIT;
      if (truncated)
        note(r, step, [
          {
            code: sdkCodes.simForeachTruncated,
            severity: "warning",
            message: `${listPath} has ${items.length} items; Flow runs at most ${FOREACH_LIMIT}, so only the first ${FOREACH_LIMIT} ran`,
          },
        ]);
      const ran = truncated ? items.slice(0, FOREACH_LIMIT) : items;
      out.push({
        kind: "loop",
        stepKey: step.key,
        listPath,
        items: items.length,
        truncated,
      });
      ran.forEach((item, index) => {
        out.push({ kind: "iteration", stepKey: step.key, index });
        const inner = bind(env, loop?.variable ?? "", {
          value: item,
          expiresOnWait: false,
        });
        out.push(...targets(r, step.key, "loop_body", inner, depth));
      });
      return { port: "after", env };
    }
    case "WAIT":
    case "ACTION": {
      const task = r.plan.tasks.get(step.key);
      if (task === undefined && !r.warnedSteps.has(step.key)) {
        r.warnedSteps.add(step.key);
        note(r, step, [
          {
            code: sdkCodes.simUnknownTask,
            severity: "warning",
            message: `the catalog has no task ${step.taskId} ${step.taskVersion}; its config is decoded without field types`,
          },
        ]);
      }
      const args = stepArguments(
        step,
        task?.config_fields,
        argumentContext(r, env),
      );
      note(
        r,
        step,
        args.problems.filter((p) => p.severity === "warning"),
      );
      if (!args.ok) {
        const first =
          args.problems.find((p) => p.severity === "error") ?? args.problems[0];
        out.push(
          failure(
            step,
            first?.code ?? sdkCodes.simLiquidRender,
            first?.message ?? "the step's config could not be rendered",
          ),
        );
        note(
          r,
          step,
          args.problems.filter((p) => p.severity === "error"),
        );
        return undefined;
      }
      if (step.taskType === "WAIT") {
        out.push({
          kind: "wait",
          stepKey: step.key,
          taskId: step.taskId,
          arguments: args.arguments,
        });
        return { port: "output", env: afterWait(env) };
      }
      out.push({
        kind: "action",
        stepKey: step.key,
        taskId: step.taskId,
        arguments: args.arguments,
      });
      const output = r.plan.outputs.get(step.key);
      if (output === undefined) return { port: "output", env };
      const value = stepOutputValue(
        step,
        output,
        args.arguments,
        env,
        r.eventSeed,
        r.stubs[output.variable],
        r.plan.usage,
        r.arbitraries,
      );
      return {
        port: "output",
        env: bind(env, output.variable, {
          value,
          expiresOnWait: output.expiresOnWait,
        }),
      };
    }
  }
}

function argumentContext(r: Run, env: Environment) {
  let scope: Record<string, unknown> | undefined;
  return {
    resolve: (path: string) => resolvePath(env, path),
    unbound: (u: { root: string; expired: boolean }, path: string) =>
      unboundProblem(u.root, u.expired, path),
    render: (text: string) => {
      // `{{ path }}` (every id wrapper) prints a scalar without going through liquidjs.
      const bare = BARE_OUTPUT.exec(text)?.[1];
      if (
        bare !== undefined &&
        !LIQUID_LITERALS.has(bare.split(".")[0] ?? "")
      ) {
        const resolved = resolvePath(env, bare);
        if (resolved.kind === "unbound")
          return {
            ok: false as const,
            problems: [unboundProblem(resolved.root, resolved.expired, bare)],
          };
        const v = resolved.value;
        if (v === null || typeof v !== "object")
          return { ok: true as const, text: v === null ? "" : String(v) };
      }
      const analysis = r.plan.liquid.analyze(text);
      for (const path of analysis.globals) {
        const root = path[0] ?? "";
        if (!env.vars.has(root))
          return {
            ok: false as const,
            problems: [
              unboundProblem(root, env.expired.has(root), path.join(".")),
            ],
          };
        const theme = themeStyleField(r.plan, path);
        if (theme !== undefined)
          return {
            ok: false as const,
            problems: [
              {
                code: sdkCodes.simLiquidUnknownField,
                severity: "error" as const,
                message: `${path.join(".")}: ${theme} is not a field of Flow's environment (theme-style name?)`,
                hint: "Flow uses the Admin API's camelCase names: createdAt, not created_at.",
              },
            ],
          };
      }
      scope ??= Object.fromEntries(
        [...env.vars].map(([name, b]) => {
          let view = r.liquidViews.get(b);
          if (view === undefined)
            r.liquidViews.set(b, (view = liquidForm(b.value)));
          return [name, view];
        }),
      );
      return r.plan.liquid.render(analysis, scope);
    },
  };
}

const LIQUID_LITERALS: ReadonlySet<string> = new Set([
  "true",
  "false",
  "nil",
  "null",
  "empty",
  "blank",
]);
const BARE_OUTPUT =
  /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*\}\}$/;

function failure(step: FlowStep, code: string, message: string): TraceEntry {
  return {
    kind: "failure",
    stepKey: step.key,
    taskId: step.taskId,
    code,
    message,
  };
}

function note(r: Run, step: FlowStep, problems: readonly Diagnostic[]): void {
  for (const p of problems)
    r.diagnostics.push({ ...p, path: p.path ?? step.path });
}

function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.message}|${JSON.stringify(d.path ?? [])}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
