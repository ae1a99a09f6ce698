import {
  createCompiler,
  type Catalog,
  type Compiler,
  type Diagnostic,
  type FlowWorkflow,
} from "@flowpy/transpiler";
import { equivalent, type Difference, type OrderPolicy } from "./equivalent.js";
import { generateEvents } from "./generate-events.js";
import { readWorkflow } from "./read-workflow.js";
import type { TriggerEvent } from "./trace.js";

export interface RewardRequest {
  /** The natural-language task the Python answers (kept with the result, not scored). */
  readonly prompt: string;
  /** Events to compare on; default: generated from the reference and the candidate. */
  readonly events?: readonly TriggerEvent[];
}

export interface RewardResult {
  readonly prompt: string;
  readonly compiles: boolean;
  readonly diagnostics: readonly Diagnostic[];
  /** Share of events on which the candidate behaves like the reference (0 when it does not compile). */
  readonly executionScore: number;
  /** `executionScore` when the Python compiles, else 0. */
  readonly reward: number;
  readonly firstDifference?: Difference;
}

export interface RewardOptions {
  readonly catalog: Catalog;
  /** The transpiler's compiler, made for `catalog`: it validates the answer as production does. */
  readonly compile: Compiler;
  readonly seed?: number;
  /** Random events per workflow on top of the targeted ones (default 20). */
  readonly count?: number;
  readonly order?: OrderPolicy;
}

/** `RewardOptions` whose compiler is made from the catalog when not given. */
export type RewardFunctionOptions = Omit<RewardOptions, "compile"> & {
  readonly compile?: Compiler;
};

export type Reward = (
  request: RewardRequest,
  generatedPython: string,
  reference: FlowWorkflow,
) => RewardResult;

/**
 * A reward function for RL-style loops: compile the generated Python, then score it by
 * execution against the reference on events that exercise both workflows' branches.
 * Deterministic for a fixed seed.
 */
export function createReward(options: RewardOptions): Reward {
  const seed = options.seed ?? 0;
  const count = options.count ?? 20;
  return (request, generatedPython, reference) => {
    const compiled = options.compile.compile(generatedPython);
    const workflow =
      compiled.ok && compiled.workflow !== undefined
        ? readWorkflow(compiled.workflow)
        : undefined;
    if (workflow === undefined || !workflow.ok) {
      return {
        prompt: request.prompt,
        compiles: false,
        diagnostics: [
          ...compiled.diagnostics,
          ...(workflow?.diagnostics ?? []),
        ],
        executionScore: 0,
        reward: 0,
      };
    }
    const events = request.events ?? [
      ...generateEvents(reference, { catalog: options.catalog, seed, count })
        .events,
      ...generateEvents(workflow.value, {
        catalog: options.catalog,
        seed,
        count: 0,
      }).events,
    ];
    const result = equivalent(workflow.value, reference, {
      events,
      catalog: options.catalog,
      ...(options.order === undefined ? {} : { order: options.order }),
    });
    return {
      prompt: request.prompt,
      compiles: true,
      diagnostics: compiled.diagnostics,
      executionScore: result.score,
      reward: result.score,
      ...(result.firstDifference === undefined
        ? {}
        : { firstDifference: result.firstDifference }),
    };
  };
}

/** `createReward` with the transpiler's compiler for `options.catalog` (loaded once, here). */
export async function createRewardFunction(
  options: RewardFunctionOptions,
): Promise<Reward> {
  const compile =
    options.compile ?? (await createCompiler({ catalog: options.catalog }));
  return createReward({ ...options, compile });
}
