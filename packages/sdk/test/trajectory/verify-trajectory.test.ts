import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type {
  ChatMessage,
  JsonValue,
  ToolKey,
  Trajectory,
  TrajectoryRule,
} from "../../src/index.js";
import {
  buildTrajectory,
  createToolbox,
  createTrajectoryEnvironment,
  trajectoryRules,
  verifyTrajectory,
} from "../../src/index.js";
import { corpusRoot } from "./corpus-workflows.js";

const env = await createTrajectoryEnvironment();
const source = readFileSync(
  join(corpusRoot, "order-tagging/remove-awaiting-payment-tag/workflow.json"),
  "utf8",
);

function built(variant: Trajectory["variant"], seed = 1): Trajectory {
  const r = buildTrajectory({ workflow: source, variant, seed }, env);
  if (!r.ok) throw new Error(r.diagnostics[0]?.message);
  return r.value;
}

const good = built("create");

function rules(t: Trajectory): ReadonlySet<TrajectoryRule> {
  return new Set(verifyTrajectory(t, env).map((i) => i.rule));
}

function withMessages(
  t: Trajectory,
  messages: readonly ChatMessage[],
): Trajectory {
  return { ...t, conversation: { ...t.conversation, messages } };
}

/** The index of the assistant turn calling `name`, and the call's id. */
function turnOf(t: Trajectory, name: string): { at: number; id: string } {
  const at = t.conversation.messages.findIndex(
    (m) =>
      m.role === "assistant" &&
      (m.tool_calls ?? []).some((c) => c.function.name === name),
  );
  const m = t.conversation.messages[at];
  const id = m?.role === "assistant" ? m.tool_calls?.[0]?.id : undefined;
  if (id === undefined) throw new Error(`no call to ${name}`);
  return { at, id };
}

/** Changes a call's arguments and puts the tool's real answer to them in place: only the change is wrong. */
function rewriteCall(
  t: Trajectory,
  key: ToolKey,
  change: (args: JsonValue) => JsonValue,
  last = false,
): Trajectory {
  const box = createToolbox({
    toolSet: env.toolSet,
    catalog: env.catalog,
    shop: t.shop,
    compiler: env.compiler,
  });
  const name = box.nameOf(key);
  const calls = t.conversation.messages.flatMap((m, at) =>
    m.role === "assistant"
      ? (m.tool_calls ?? [])
          .filter((c) => c.function.name === name)
          .map((c) => ({ at, c }))
      : [],
  );
  const target = last ? calls.at(-1) : calls[0];
  if (target === undefined) throw new Error(`no call to ${name}`);
  const text = box.writeArguments(
    key,
    change(JSON.parse(target.c.function.arguments) as JsonValue),
  );
  const content = box.call(name, text).content;
  return withMessages(
    t,
    t.conversation.messages.map((m, i) => {
      if (i === target.at && m.role === "assistant")
        return {
          ...m,
          tool_calls: (m.tool_calls ?? []).map((c) =>
            c === target.c ? { ...c, function: { name, arguments: text } } : c,
          ),
        };
      if (m.role === "tool" && m.tool_call_id === target.c.id)
        return { ...m, content };
      return m;
    }),
  );
}

describe("verifyTrajectory", () => {
  it("accepts the built trajectories of every variant", () => {
    for (const variant of ["create", "edit", "fix", "question"] as const)
      expect(verifyTrajectory(built(variant), env), variant).toEqual([]);
  });

  it("has one test below per rule", () => {
    expect(trajectoryRules.length).toBe(11);
  });

  it("tool-set: a different tool set hash or tools array", () => {
    expect(rules({ ...good, toolSetHash: "0".repeat(64) })).toEqual(
      new Set(["tool-set"]),
    );
    const reordered = {
      ...good,
      conversation: {
        ...good.conversation,
        tools: [...good.conversation.tools].reverse(),
      },
    };
    expect(rules(reordered)).toEqual(new Set(["tool-set"]));
  });

  it("structure: no final answer, or an edited system prompt", () => {
    expect(
      rules(withMessages(good, good.conversation.messages.slice(0, -1))),
    ).toEqual(new Set(["structure"]));
    const edited = good.conversation.messages.map((m, i) =>
      i === 0 ? { ...m, content: `${m.content} ` } : m,
    );
    expect(rules(withMessages(good, edited))).toEqual(new Set(["structure"]));
  });

  it("tool-call-ids: an id used twice, or an answer to no open call", () => {
    const { id: firstId } = turnOf(good, "task_search");
    const { at, id } = turnOf(good, "submit_workflow");
    const duplicated = good.conversation.messages.map((m, i) => {
      if (i === at && m.role === "assistant")
        return {
          ...m,
          tool_calls: (m.tool_calls ?? []).map((c) => ({ ...c, id: firstId })),
        };
      if (m.role === "tool" && m.tool_call_id === id)
        return { ...m, tool_call_id: firstId };
      return m;
    });
    expect(rules(withMessages(good, duplicated))).toEqual(
      new Set(["tool-call-ids"]),
    );
    const stray = good.conversation.messages.map((m) =>
      m.role === "tool" && m.tool_call_id === id
        ? { ...m, tool_call_id: "call_999" }
        : m,
    );
    expect(rules(withMessages(good, stray))).toContain("tool-call-ids");
  });

  it("unknown-tool: a call to a tool the set does not have", () => {
    const { at } = turnOf(good, "environment_paths_search");
    const renamed = good.conversation.messages.map((m, i) =>
      i === at && m.role === "assistant"
        ? {
            ...m,
            tool_calls: (m.tool_calls ?? []).map((c) => ({
              ...c,
              function: { ...c.function, name: "path_search" },
            })),
          }
        : m,
    );
    expect(rules(withMessages(good, renamed))).toEqual(
      new Set(["unknown-tool"]),
    );
  });

  it("tool-response: an answer that is not byte-equal to the tool's (keys sorted)", () => {
    const { id } = turnOf(good, "environment_paths_search");
    const sortKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sortKeys)
        : v !== null && typeof v === "object"
          ? Object.fromEntries(
              Object.entries(v)
                .sort(([a], [b]) => (a < b ? -1 : 1))
                .map(([k, x]) => [k, sortKeys(x)]),
            )
          : v;
    const sorted = good.conversation.messages.map((m) =>
      m.role === "tool" && m.tool_call_id === id
        ? { ...m, content: JSON.stringify(sortKeys(JSON.parse(m.content))) }
        : m,
    );
    expect(rules(withMessages(good, sorted))).toEqual(
      new Set(["tool-response"]),
    );
  });

  it("task-not-searched: no search, or the search only after the configuration", () => {
    const { at } = turnOf(good, "task_search");
    const withoutSearch = good.conversation.messages.filter(
      (_, i) => i !== at && i !== at + 1,
    );
    expect(rules(withMessages(good, withoutSearch))).toEqual(
      new Set(["task-not-searched"]),
    );
    const c = turnOf(good, "task_configuration").at;
    const m = good.conversation.messages;
    const swapped = [
      ...m.slice(0, at),
      ...m.slice(c, c + 2),
      ...m.slice(at, at + 2),
      ...m.slice(c + 2),
    ];
    expect(rules(withMessages(good, swapped))).toEqual(
      new Set(["task-not-searched"]),
    );
  });

  it("task-not-configured: a used task left out of the configuration call", () => {
    const dropped = rewriteCall(good, "task_configuration", (args) => ({
      tasks: (args as { tasks: { id: string }[] }).tasks.filter(
        (t) => t.id !== "shopify::admin::remove_order_tags",
      ),
    }));
    expect(rules(dropped)).toEqual(new Set(["task-not-configured"]));
  });

  it("configured-task-unused: a configured task the workflow does not use", () => {
    const extra = rewriteCall(good, "task_configuration", (args) => ({
      tasks: [
        ...(args as { tasks: JsonValue[] }).tasks,
        { id: "shopify::admin::add_customer_tags", version: "0.1" },
      ],
    }));
    expect(rules(extra)).toEqual(new Set(["configured-task-unused"]));
  });

  it("submission: a final program that does not compile, none at all, or one in a question", () => {
    const broken = rewriteCall(good, "submit_workflow", (args) => ({
      python: (args as { python: string }).python.replace("):\n", ")\n"),
    }));
    expect(rules(broken)).toEqual(new Set(["submission"]));
    const { at } = turnOf(good, "submit_workflow");
    const m = good.conversation.messages;
    expect(
      rules(withMessages(good, [...m.slice(0, at), ...m.slice(at + 2)])),
    ).toContain("submission");
    const question = built("question", 2);
    const { target: _target, ...asQuestion } = {
      ...good,
      variant: "question" as const,
    };
    expect(rules(asQuestion)).toContain("submission");
    expect(question.target).toBeUndefined();
  });

  it("submission-differs: a valid program that is not the source workflow", () => {
    const changed = rewriteCall(good, "submit_workflow", (args) => ({
      python: (args as { python: string }).python.replace(
        '"payment-reminder-sent"',
        '"reminder-sent"',
      ),
    }));
    expect(rules(changed)).toEqual(new Set(["submission-differs"]));
  });

  it("edit-context: the current workflow is not what the request quotes", () => {
    const edit = built("edit", 5);
    expect(edit.currentPython).toBeDefined();
    expect(
      rules({
        ...edit,
        currentPython: `${edit.currentPython ?? ""}\n# changed\n`,
      }),
    ).toEqual(new Set(["edit-context"]));
    expect(rules({ ...edit, currentPython: "def broken(:\n" })).toContain(
      "edit-context",
    );
  });
});
