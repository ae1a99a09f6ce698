import type {
  AssistantMessage,
  EvalExample,
  Trajectory,
} from "../../../src/index.js";
import type {
  ChatBody,
  Script,
  ScriptedReply,
} from "../../support/openai-test-server.js";

/**
 * Scripted models for benchmark tests. Each replays the ideal trajectory of the example it
 * is asked about (found by the first user message) — so the correct model really is correct
 * — and the faulty ones change one thing. The model is chosen by the request's `model`.
 */
export interface ScriptedExample {
  readonly example: EvalExample;
  readonly trajectory: Trajectory;
}

/** A change to the ideal submission; returns the Python the faulty model submits instead. */
export type Mutation = (python: string) => string;

export type ModelBehaviour =
  /** Replays the ideal trajectory. */
  | { readonly kind: "correct" }
  /** Replays it with every submission changed (the broken program is never fixed). */
  | {
      readonly kind: "mutate";
      readonly mutate: Mutation;
      readonly only?: ReadonlySet<string>;
    }
  /** Calls task search for ever. */
  | { readonly kind: "loop" }
  /** Answers a question with a workflow: submits the given Python, then answers. */
  | { readonly kind: "submit-anyway"; readonly python: string }
  /** The submit call's arguments are broken JSON; then it answers as if done. */
  | { readonly kind: "malformed-submit" }
  /** First attempt of every request sleeps past the client's timeout; the retry is answered. */
  | { readonly kind: "slow"; readonly delayMs: number }
  /** Always 500. */
  | { readonly kind: "error" }
  /** Each example its own behaviour (by example id), the rest `otherwise`. */
  | {
      readonly kind: "by-example";
      readonly byId: Readonly<Record<string, ModelBehaviour>>;
      readonly otherwise: ModelBehaviour;
    };

export function firstUserMessage(body: ChatBody): string | undefined {
  return body.messages?.find((m) => m.role === "user")?.content;
}

function assistantTurns(t: Trajectory): readonly AssistantMessage[] {
  return t.conversation.messages.filter(
    (m): m is AssistantMessage => m.role === "assistant",
  );
}

function replay(message: AssistantMessage, mutate?: Mutation): ScriptedReply {
  const calls = message.tool_calls ?? [];
  if (calls.length === 0) return { kind: "text", content: message.content };
  return {
    kind: "tool_calls",
    content: message.content,
    calls: calls.map((c) => {
      if (mutate === undefined || c.function.name !== "submit_workflow")
        return { name: c.function.name, arguments: c.function.arguments };
      const args = JSON.parse(c.function.arguments) as { python: string };
      return {
        name: c.function.name,
        arguments: JSON.stringify({ python: mutate(args.python) }),
      };
    }),
  };
}

export function scriptedModels(
  examples: readonly ScriptedExample[],
  models: Readonly<Record<string, ModelBehaviour>>,
): Script {
  const byRequest = new Map(
    examples.map((e) => [e.example.messages[0] ?? "", e] as const),
  );
  const seen = new Set<string>();
  const answer = (
    behaviour: ModelBehaviour,
    found: ScriptedExample,
    step: AssistantMessage,
    done: number,
    body: ChatBody,
  ): ScriptedReply => {
    switch (behaviour.kind) {
      case "correct":
        return replay(step);
      case "mutate":
        return replay(
          step,
          behaviour.only === undefined || behaviour.only.has(found.example.id)
            ? behaviour.mutate
            : undefined,
        );
      case "loop":
        return {
          kind: "tool_calls",
          calls: [
            {
              name: "task_search",
              arguments: JSON.stringify({
                search_queries: [`tag order ${done}`],
              }),
            },
          ],
        };
      case "submit-anyway":
        return done === 0
          ? {
              kind: "tool_calls",
              calls: [
                {
                  name: "submit_workflow",
                  arguments: JSON.stringify({ python: behaviour.python }),
                },
              ],
            }
          : { kind: "text", content: "I built a workflow for that." };
      case "malformed-submit": {
        const reply = replay(step);
        if (reply.kind !== "tool_calls") return reply;
        return {
          ...reply,
          calls: reply.calls.map((c) =>
            c.name === "submit_workflow"
              ? { name: c.name, arguments: c.arguments.slice(0, -7) }
              : c,
          ),
        };
      }
      case "slow": {
        const key = JSON.stringify(body);
        if (seen.has(key)) return replay(step);
        seen.add(key);
        return { ...replay(step), delayMs: behaviour.delayMs };
      }
      case "error":
        return { kind: "status", status: 500 };
      case "by-example":
        return answer(
          behaviour.byId[found.example.id] ?? behaviour.otherwise,
          found,
          step,
          done,
          body,
        );
    }
  };
  return (body) => {
    const behaviour = models[body.model ?? ""];
    if (behaviour === undefined)
      return { kind: "status", status: 404, body: "no such model" };
    const first = firstUserMessage(body) ?? "";
    // An edit quotes the current workflow after the request text, so match by prefix.
    const found =
      byRequest.get(first) ??
      [...byRequest.entries()].find(([k]) => first.startsWith(k))?.[1];
    if (found === undefined)
      return { kind: "status", status: 400, body: "unknown example" };
    const done = (body.messages ?? []).filter(
      (m) => m.role === "assistant",
    ).length;
    const ideal = assistantTurns(found.trajectory);
    const step = ideal[Math.min(done, ideal.length - 1)];
    if (step === undefined) throw new Error("a trajectory without turns");
    return answer(behaviour, found, step, done, body);
  };
}
