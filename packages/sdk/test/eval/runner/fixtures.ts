import { readFileSync } from "node:fs";
import { join } from "node:path";
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

export interface Fixtures {
  readonly env: TrajectoryEnvironment;
  readonly benchmarkEnv: BenchmarkEnvironment;
  /** Creates of every workflow, an edit and a question of the first. */
  readonly scripted: readonly ScriptedExample[];
  readonly examples: readonly EvalExample[];
}

export async function buildFixtures(): Promise<Fixtures> {
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
  for (const name of workflowNames) add(name, "create");
  add(workflowNames[0], "edit");
  add(workflowNames[0], "question");
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
