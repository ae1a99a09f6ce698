import { loadWorkflow, readDocument } from "@flowpy/transpiler";
import { describe, expect, it } from "vitest";
import type { Trajectory, TrajectoryVariant } from "../../src/index.js";
import {
  buildTrajectory,
  createTrajectoryEnvironment,
  verifyTrajectory,
} from "../../src/index.js";
import { corpusWorkflows } from "./corpus-workflows.js";

const env = await createTrajectoryEnvironment();
/** A hang guard for a whole-corpus loop, not a performance assertion (that is `pnpm bench`). */
const corpusTimeout = 120_000;
const workflows = corpusWorkflows();

/** The number of ACTION steps, by the catalog's task types (computed without the builder). */
function actionCount(text: string): number {
  const read = readDocument(text);
  if (!read.ok) return 0;
  const loaded = loadWorkflow(read.value.node);
  if (!loaded.ok) return 0;
  return loaded.value.workflow.steps.filter(
    (s) => env.catalog.task(s.taskId, s.taskVersion)?.task_type === "ACTION",
  ).length;
}

/** Whether every task of the workflow is in the catalog (computed without the builder). */
function allTasksInCatalog(text: string): boolean {
  const read = readDocument(text);
  if (!read.ok) return false;
  const loaded = loadWorkflow(read.value.node);
  return (
    loaded.ok &&
    loaded.value.workflow.steps.every(
      (s) => env.catalog.task(s.taskId, s.taskVersion) !== undefined,
    )
  );
}

function callArguments(t: Trajectory, name: string): unknown[] {
  return t.conversation.messages.flatMap((m) =>
    m.role === "assistant"
      ? (m.tool_calls ?? [])
          .filter((c) => c.function.name === name)
          .map((c) => JSON.parse(c.function.arguments) as unknown)
      : [],
  );
}

describe("trajectories over the corpus", () => {
  it(
    "builds and verifies a create trajectory for every workflow whose tasks the catalog has",
    () => {
      expect(workflows.length).toBeGreaterThan(100);
      let built = 0;
      let toolCalls = 0;
      const skipped: string[] = [];
      workflows.forEach(({ name, text }, i) => {
        const r = buildTrajectory(
          { workflow: text, variant: "create", seed: i },
          env,
        );
        if (!allTasksInCatalog(text)) {
          expect(r.ok, name).toBe(false);
          expect(r.diagnostics.map((d) => d.code)).toContain(
            "trajectory-task-not-in-catalog",
          );
          skipped.push(name);
          return;
        }
        if (!r.ok)
          throw new Error(
            `${name}: ${r.diagnostics.map((d) => d.message).join("; ")}`,
          );
        expect(verifyTrajectory(r.value, env), name).toEqual([]);
        // Queries come from labels and descriptions, never from task ids.
        for (const args of callArguments(r.value, "task_search"))
          for (const q of (args as { search_queries: string[] }).search_queries)
            expect(q).not.toMatch(/::|[a-z]_[a-z]/);
        toolCalls += r.value.conversation.messages.filter(
          (m) => m.role === "tool",
        ).length;
        built++;
      });
      console.log(
        `create trajectories: ${built} built and verified, ${toolCalls} tool answers; not buildable (task missing from the catalog): ${skipped.join(", ") || "none"}`,
      );
      expect(built + skipped.length).toBe(workflows.length);
    },
    corpusTimeout,
  );

  it(
    "builds and verifies edit, fix and question variants for a deterministic sample",
    () => {
      const sample = workflows.filter(
        (w, i) => i % 4 === 0 && allTasksInCatalog(w.text),
      );
      const counts = new Map<string, number>();
      const bump = (key: string): void =>
        void counts.set(key, (counts.get(key) ?? 0) + 1);
      for (const [i, { name, text }] of sample.entries()) {
        for (const variant of ["edit", "fix", "question"] as const) {
          const r = buildTrajectory(
            { workflow: text, variant, seed: 1000 + i },
            env,
          );
          if (!r.ok) {
            // Only an edit may be impossible (nothing to change); the others always exist.
            expect(variant, `${name}: ${r.diagnostics[0]?.message}`).toBe(
              "edit",
            );
            expect(r.diagnostics[0]?.code).toBe(
              "trajectory-variant-unavailable",
            );
            bump(`${variant}:unavailable`);
            // Removing its only action leaves a workflow the compiler rejects (no action),
            // so only single-action workflows may lack an edit; others always have one.
            if (actionCount(text) >= 2) bump("edit:unavailable-with-actions");
            continue;
          }
          expect(verifyTrajectory(r.value, env), `${name} ${variant}`).toEqual(
            [],
          );
          const d = r.value.details;
          bump(
            `${variant}:${d.editKind ?? d.mistakeKind ?? d.questionKind ?? "?"}`,
          );
          if (variant === "fix") {
            const answers = r.value.conversation.messages.filter(
              (m) => m.role === "tool" && m.content.startsWith('{"status":'),
            );
            expect(answers.map((m) => JSON.parse(m.content).status)).toEqual([
              "invalid",
              "valid",
            ]);
            // Every answer carries the compiler's diagnostics in the model format, buckets included.
            const first = JSON.parse(answers[0]?.content ?? "{}") as {
              diagnostics: { code: string; bucket?: string }[];
            };
            expect(first.diagnostics.length).toBeGreaterThan(0);
            for (const diag of first.diagnostics)
              expect(diag.bucket, diag.code).toBeTypeOf("string");
          }
          if (variant === "question")
            expect(callArguments(r.value, "submit_workflow")).toEqual([]);
        }
      }
      console.log(
        `variants over ${sample.length} sampled workflows:`,
        Object.fromEntries([...counts].sort()),
      );
      for (const kind of [
        "edit:tag_value",
        "edit:threshold",
        "edit:added_action",
        "question:faq",
        "question:task_lookup",
      ])
        expect(counts.get(kind) ?? 0, kind).toBeGreaterThan(0);
      expect(
        [...counts.keys()].filter((k) => k.startsWith("fix:")).length,
      ).toBeGreaterThan(1);
      expect(counts.get("edit:unavailable") ?? 0).toBeLessThan(
        sample.length / 3,
      );
      expect(counts.get("edit:unavailable-with-actions") ?? 0).toBeLessThan(
        sample.length / 10,
      );
      for (const kind of [
        "fix:unknown_config_field",
        "fix:unknown_path",
        "fix:list_as_scalar",
      ])
        expect(counts.get(kind) ?? 0, kind).toBeGreaterThan(0);
    },
    corpusTimeout,
  );

  it(
    "is deterministic: same workflow and seed give the same bytes, another seed may differ",
    () => {
      let differs = 0;
      for (const { text } of workflows.filter(
        (_, i) => i % 9 === 0 && allTasksInCatalog(workflows[i]?.text ?? ""),
      )) {
        for (const variant of [
          "create",
          "edit",
          "fix",
          "question",
        ] satisfies TrajectoryVariant[]) {
          const a = buildTrajectory({ workflow: text, variant, seed: 3 }, env);
          const b = buildTrajectory({ workflow: text, variant, seed: 3 }, env);
          expect(JSON.stringify(b)).toBe(JSON.stringify(a));
          const c = buildTrajectory({ workflow: text, variant, seed: 4 }, env);
          if (
            JSON.stringify(c) !==
            JSON.stringify({
              ...a,
              ...(a.ok ? { value: { ...a.value, seed: 4 } } : {}),
            })
          )
            differs++;
        }
      }
      expect(differs).toBeGreaterThan(0);
    },
    corpusTimeout,
  );
});
