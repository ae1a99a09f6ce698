import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundledCatalog } from "@flowpy/transpiler";
import { describe, expect, it } from "vitest";
import {
  actionFamilies,
  conditionPatterns,
  corpusRecords,
  sdkCodes,
  sizeLimits,
  stratumKey,
  triggerResources,
  workflowSizes,
  workflowTagKeys,
  workflowTags,
  type WorkflowTags,
} from "../../src/index.js";
import {
  corpusDir,
  corpusDocuments,
  random,
  varyWorkflow,
  workflowText,
} from "../support/record-generator.js";

const snapshotPath = join(import.meta.dirname, "corpus-tags.json");

async function corpusTags(): Promise<Record<string, WorkflowTags>> {
  const out: Record<string, WorkflowTags> = {};
  for await (const o of corpusRecords(corpusDir)) {
    if (!o.ok) throw new Error(`corpus record ${o.index} is bad`);
    const tags = workflowTags(o.record.workflow);
    if (!tags.ok) throw new Error(`no tags for ${o.record.workflow_id}`);
    out[o.record.workflow_id] = tags.value;
  }
  return out;
}

/** One workflow per line, so a change shows as a one-line diff in review. */
function snapshotText(tags: Record<string, WorkflowTags>): string {
  const lines = Object.entries(tags).map(
    ([id, t]) => `  ${JSON.stringify(id)}: ${JSON.stringify(t)}`,
  );
  return `{\n${lines.join(",\n")}\n}\n`;
}

function minimalWorkflow(trigger: string, action?: string): string {
  const steps = [
    {
      step_id: 1,
      task_id: trigger,
      task_version: "0.1",
      task_type: "TRIGGER",
      config_field_values: [],
    },
    ...(action === undefined
      ? []
      : [
          {
            step_id: 2,
            task_id: action,
            task_version: "0.1",
            task_type: "ACTION",
            config_field_values: [],
          },
        ]),
  ];
  const links =
    action === undefined
      ? []
      : [
          {
            from_step_id: 1,
            from_port_id: "output",
            to_step_id: 2,
            to_port_id: "input",
          },
        ];
  return JSON.stringify({
    __metadata: { version: 0.1 },
    root: { workflow_name: "t", steps, links, patched_fields: [] },
  });
}

describe("workflowTags", { timeout: 120_000 }, () => {
  it("tags every corpus workflow with documented values only, as in the reviewed snapshot", async () => {
    const tags = await corpusTags();
    for (const [id, t] of Object.entries(tags)) {
      expect(Object.keys(t), id).toEqual([...workflowTagKeys]);
      expect(triggerResources, id).toContain(t.triggerResource);
      expect(workflowSizes, id).toContain(t.size);
      for (const f of t.actionFamilies) expect(actionFamilies, id).toContain(f);
      for (const p of t.conditionPatterns)
        expect(conditionPatterns, id).toContain(p);
      for (const list of [t.actionFamilies, t.conditionPatterns, t.apps])
        expect([...new Set(list)].sort(), id).toEqual(list);
      const size =
        t.stepCount <= sizeLimits.small
          ? "small"
          : t.stepCount <= sizeLimits.medium
            ? "medium"
            : "large";
      expect(t.size, id).toBe(size);
      expect(t.http, id).toBe(t.actionFamilies.includes("http"));
    }
    // Regenerate with FLOWPY_UPDATE_TAGS=1, then `prettier --write` the file and review the diff.
    if (process.env["FLOWPY_UPDATE_TAGS"] === "1" || !existsSync(snapshotPath))
      writeFileSync(snapshotPath, snapshotText(tags));
    expect(tags).toEqual(JSON.parse(readFileSync(snapshotPath, "utf8")));
  });

  it("does not change when only literals change (the generator's variations)", () => {
    const rng = random(9, "tags");
    let changed = 0;
    for (const doc of corpusDocuments()) {
      const original = workflowTags(workflowText(doc.value));
      for (const variant of [1, 2, 3]) {
        const varied = workflowText(varyWorkflow(doc.value, rng, variant));
        if (varied !== workflowText(doc.value)) changed += 1;
        expect(workflowTags(varied), `${doc.id} #${variant}`).toEqual(original);
      }
    }
    // Every document's title at least changes, so exact forms differ.
    expect(changed).toBe(3 * corpusDocuments().length);
  });

  it("maps every catalog trigger to a resource and every catalog action to a family", () => {
    const catalog = bundledCatalog();
    const trigger = catalog.tasksByType.TRIGGER[0]?.id ?? "";
    for (const task of catalog.tasksByType.TRIGGER) {
      const t = workflowTags(minimalWorkflow(task.id));
      if (!t.ok) throw new Error(task.id);
      expect(t.value.trigger).toBe(task.id);
      expect(["other", "none"], task.id).not.toContain(t.value.triggerResource);
    }
    for (const task of catalog.tasksByType.ACTION) {
      const t = workflowTags(minimalWorkflow(trigger, task.id));
      if (!t.ok) throw new Error(task.id);
      expect(t.value.actionFamilies, task.id).toHaveLength(1);
      expect(t.value.actionFamilies, task.id).not.toContain("other");
      const app = !["shopify", "flow"].includes(task.publisher);
      expect(t.value.apps, task.id).toEqual(
        app ? [task.id.split("::")[1]] : [],
      );
    }
  });

  it("tags tasks the catalog lacks from their ids", () => {
    const t = workflowTags(
      minimalWorkflow(
        "shopify::admin::order_created",
        "acme-tools::klaviyo::track_event",
      ),
    );
    expect(t.ok && t.value).toMatchObject({
      actionFamilies: ["app"],
      apps: ["klaviyo"],
      unknownTasks: true,
    });
    const bare = workflowTags(
      minimalWorkflow("shopify::admin::order_created", "notify"),
    );
    expect(bare.ok && bare.value).toMatchObject({
      actionFamilies: ["other"],
      apps: [],
      unknownTasks: true,
    });
  });

  it("fails with record-workflow-invalid on a workflow that does not read", () => {
    const t = workflowTags("{ nope");
    expect(t.ok).toBe(false);
    expect(t.diagnostics[0]?.code).toBe(sdkCodes.recordWorkflowInvalid);
  });

  it("writes stratum keys in tag-key order with documented spellings", async () => {
    const tags = Object.values(await corpusTags());
    const first = tags.find(
      (t) => t.actionFamilies.length > 1 && t.conditionPatterns.length === 0,
    );
    if (first === undefined) throw new Error("no such corpus workflow");
    expect(
      stratumKey(first, ["email", "actionFamilies", "conditionPatterns"]),
    ).toBe(
      `email=${first.email ? "yes" : "no"}|actionFamilies=${first.actionFamilies.join("+")}|conditionPatterns=none`,
    );
    expect(stratumKey(first, [])).toBe("all");
  });
});
