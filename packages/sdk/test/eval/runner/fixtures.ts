import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { runEvalCli } from "../../../src/cli/eval-cli.js";
import {
  buildTrajectory,
  createChatClient,
  createTrajectoryEnvironment,
  type BenchmarkEnvironment,
  type ChatClient,
  type EvalExample,
  type TrajectoryEnvironment,
  type TrajectoryVariant,
} from "../../../src/index.js";
import type { ScriptedExample } from "./scripted-models.js";

const corpus = join(import.meta.dirname, "../../../../../corpus");

/** The corpus workflows the benchmark tests use; the first is the one the mistakes are made on. */
export const workflowNames = [
  "order-tagging/tag-high-value-orders",
  "order-tagging/tag-orders-by-item-count",
  "order-tagging/tag-express-shipping-orders",
] as const;

/**
 * A wider eval set for the slice tests: six workflows that send email and six that do not,
 * across triggers, condition patterns, loops, an app (Slack), HTTP and metafields. The first
 * is the one the edit and the question are made of.
 */
export const sliceWorkflowNames = [
  "order-tagging/tag-high-value-orders",
  "order-tagging/tag-express-shipping-orders",
  "fraud-risk/review-large-first-orders",
  "metafields/ask-for-birth-month",
  "foreach/tag-ordered-products",
  "http-requests/sync-new-customer-to-crm",
  "notifications/email-staff-on-large-order",
  "fulfillment/notify-pickup-ready",
  "inventory/low-stock-alert-email",
  "order-tagging/tag-heavy-freight-orders",
  "customers/clean-up-disabled-accounts",
  "foreach/notify-after-line-items",
] as const;

export interface Fixtures {
  readonly env: TrajectoryEnvironment;
  readonly benchmarkEnv: BenchmarkEnvironment;
  /** Creates of every workflow, an edit and a question of the first. */
  readonly scripted: readonly ScriptedExample[];
  readonly examples: readonly EvalExample[];
}

export async function buildFixtures(
  names: readonly string[] = workflowNames,
): Promise<Fixtures> {
  const env = await createTrajectoryEnvironment();
  const scripted: ScriptedExample[] = [];
  const add = (name: string, variant: TrajectoryVariant): void => {
    const workflow = readFileSync(join(corpus, name, "workflow.json"), "utf8");
    const built = buildTrajectory({ workflow, variant, seed: 1 }, env);
    if (!built.ok)
      throw new Error(`${name} ${variant}: ${built.diagnostics[0]?.message}`);
    const t = built.value;
    const user = t.conversation.messages.find((m) => m.role === "user");
    if (user === undefined) throw new Error("no user message");
    const id = `${name.split("/")[1]}:${variant}`;
    let example: EvalExample;
    if (variant === "question")
      example = {
        id,
        kind: "question",
        messages: [user.content],
        shouldDecline: true,
        tags: [],
      };
    else {
      const current =
        t.currentPython === undefined
          ? undefined
          : env.compiler.compile(t.currentPython).workflow;
      example = {
        id,
        kind: variant === "edit" ? "edit" : "create",
        messages: [user.content],
        reference: t.target ?? "",
        ...(current === undefined ? {} : { currentWorkflow: current }),
        tags: [],
      };
    }
    scripted.push({ example, trajectory: t });
  };
  const [first] = names;
  if (first === undefined) throw new Error("no workflow to build examples of");
  for (const name of names) add(name, "create");
  add(first, "edit");
  add(first, "question");
  return {
    env,
    benchmarkEnv: {
      catalog: env.catalog,
      compiler: env.compiler,
      toolSet: env.toolSet,
      ...(env.indexes === undefined ? {} : { indexes: env.indexes }),
    },
    scripted,
    examples: scripted.map((s) => s.example),
  };
}

/** A client of one scripted model with quick retries. */
export function scriptedClient(
  baseUrl: string,
  model: string,
  extra: { readonly timeoutMs?: number; readonly maxRetries?: number } = {},
): ChatClient {
  return createChatClient({
    baseUrl,
    model,
    concurrency: 4,
    maxRetries: extra.maxRetries ?? 2,
    timeoutMs: extra.timeoutMs ?? 20_000,
    backoff: { initialMs: 1, maxMs: 5, jitter: 0 },
    pricing: { inputPerMillionUsd: 1, outputPerMillionUsd: 2 },
  });
}

/** The value of a result that must be ok; its diagnostics' messages as the error otherwise. */
export function okValue<T>(r: {
  readonly ok: boolean;
  readonly value?: T;
  readonly diagnostics: readonly { readonly message: string }[];
}): T {
  if (!r.ok || r.value === undefined)
    throw new Error(r.diagnostics.map((d) => d.message).join("; "));
  return r.value;
}

export interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** `flowpy eval …` in process with the given environment variables. */
export async function evalCli(
  env: Readonly<Record<string, string>>,
  argv: readonly string[],
): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await runEvalCli(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    env,
  });
  // No stack trace ever reaches the user.
  expect(err).not.toMatch(/\n\s+at /);
  return { code, out, err };
}
