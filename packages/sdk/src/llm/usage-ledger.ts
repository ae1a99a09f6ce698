import type { TokenUsage } from "./chat-completion.js";

/** US dollars per million tokens. */
export interface ModelPricing {
  readonly inputPerMillionUsd: number;
  readonly outputPerMillionUsd: number;
}

/** What `usage` costs at `pricing` (0 without pricing). */
export function costOf(
  usage: TokenUsage,
  pricing: ModelPricing | undefined,
): number {
  return pricing === undefined
    ? 0
    : (usage.inputTokens * pricing.inputPerMillionUsd +
        usage.outputTokens * pricing.outputPerMillionUsd) /
        1_000_000;
}

/** A hard spending limit on fresh answers (cache hits cost nothing and never count). */
export interface LlmBudget {
  readonly maxCostUsd?: number;
  /** Input plus output tokens. */
  readonly maxTokens?: number;
}

export interface UsageTotals {
  readonly requests: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

export interface ModelUsage {
  readonly model: string;
  readonly fresh: UsageTotals;
  readonly cached: UsageTotals;
}

/** What a client has spent so far. */
export interface LlmUsage {
  /** Answers the server gave this run. */
  readonly fresh: UsageTotals;
  /** Answers read from the cache: their tokens, at no cost. */
  readonly cached: UsageTotals;
  /** By requested model, in model order. */
  readonly byModel: readonly ModelUsage[];
  /** HTTP requests sent, retries included. */
  readonly attempts: number;
  /** Of those, the ones that repeated an earlier attempt. */
  readonly retries: number;
  /** `complete` calls that returned no answer, budget refusals included. */
  readonly failed: number;
  /** `complete` calls refused because the budget was spent. */
  readonly refusedByBudget: number;
  readonly budgetExhausted: boolean;
}

/** Counts answers and attempts of one client; every figure is derived from token totals. */
export interface UsageLedger {
  answer(model: string, usage: TokenUsage, cached: boolean): void;
  attempt(retry: boolean): void;
  failure(refusedByBudget: boolean): void;
  /** The cost of `usage` at the client's pricing (0 without pricing). */
  cost(usage: TokenUsage): number;
  exhausted(): boolean;
  usage(): LlmUsage;
}

interface Counts {
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

const zero = (): Counts => ({ requests: 0, inputTokens: 0, outputTokens: 0 });

export function createUsageLedger(
  pricing: ModelPricing | undefined,
  budget: LlmBudget | undefined,
): UsageLedger {
  const models = new Map<string, { fresh: Counts; cached: Counts }>();
  let attempts = 0;
  let retries = 0;
  let failed = 0;
  let refused = 0;
  const cost = (u: TokenUsage): number => costOf(u, pricing);
  const totals = (c: Counts, priced: boolean): UsageTotals => ({
    requests: c.requests,
    inputTokens: c.inputTokens,
    outputTokens: c.outputTokens,
    costUsd: priced ? cost(c) : 0,
  });
  const sum = (parts: readonly Counts[]): Counts => ({
    requests: parts.reduce((n, c) => n + c.requests, 0),
    inputTokens: parts.reduce((n, c) => n + c.inputTokens, 0),
    outputTokens: parts.reduce((n, c) => n + c.outputTokens, 0),
  });
  const exhausted = (): boolean => {
    if (budget === undefined) return false;
    const fresh = sum([...models.values()].map((m) => m.fresh));
    return (
      (budget.maxTokens !== undefined &&
        fresh.inputTokens + fresh.outputTokens >= budget.maxTokens) ||
      (budget.maxCostUsd !== undefined && cost(fresh) >= budget.maxCostUsd)
    );
  };
  return {
    answer(model, usage, cached) {
      const entry = models.get(model) ?? { fresh: zero(), cached: zero() };
      models.set(model, entry);
      const c = cached ? entry.cached : entry.fresh;
      c.requests++;
      c.inputTokens += usage.inputTokens;
      c.outputTokens += usage.outputTokens;
    },
    attempt(retry) {
      attempts++;
      if (retry) retries++;
    },
    failure(refusedByBudget) {
      failed++;
      if (refusedByBudget) refused++;
    },
    cost,
    exhausted,
    usage() {
      const entries = [...models.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([model, m]) => ({ model, fresh: m.fresh, cached: m.cached }));
      return {
        fresh: totals(sum(entries.map((e) => e.fresh)), true),
        cached: totals(sum(entries.map((e) => e.cached)), false),
        byModel: entries.map((e) => ({
          model: e.model,
          fresh: totals(e.fresh, true),
          cached: totals(e.cached, false),
        })),
        attempts,
        retries,
        failed,
        refusedByBudget: refused,
        budgetExhausted: exhausted(),
      };
    },
  };
}
