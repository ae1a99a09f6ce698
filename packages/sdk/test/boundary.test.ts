import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { workflowTarget } from "../src/index.js";

describe("sdk boundary", () => {
  it("gets Python for a workflow through the transpiler's public entry", () => {
    const json = JSON.stringify({
      __metadata: { version: 0.1 },
      root: {
        workflow_name: "Tag new draft orders",
        steps: [
          {
            step_id: 1,
            task_id: "shopify::admin::draft_order_created",
            task_version: "0.1",
            task_type: "TRIGGER",
            config_field_values: [],
          },
          {
            step_id: 2,
            task_id: "shopify::admin::add_draft_order_tags",
            task_version: "0.1",
            task_type: "ACTION",
            config_field_values: [
              { config_field_id: "tags", value: '["NEW"]' },
            ],
          },
        ],
        links: [
          {
            from_step_id: 1,
            from_port_id: "output",
            to_step_id: 2,
            to_port_id: "input",
          },
        ],
        patched_fields: [],
      },
    });
    const result = workflowTarget(json);
    expect(result).toHaveProperty("python");
    if ("python" in result)
      expect(result.python).toContain(
        'shopify.admin.add_draft_order_tags(tags=["NEW"])',
      );
  });

  it("reports diagnostics instead of throwing on bad input", () => {
    expect(workflowTarget("{")).toHaveProperty("errors");
  });

  it("imports the transpiler only through its package name", () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else files.push(path);
      }
    };
    walk(join(import.meta.dirname, "../src"));
    expect(files.length).toBeGreaterThan(1);
    for (const file of files) {
      expect(readFileSync(file, "utf8")).not.toMatch(
        /from "(\.\.\/)+transpiler|packages\/transpiler/,
      );
    }
  });
});
