import { bundledCatalog, type FlowWorkflow } from "@flowpy/transpiler";
import { readWorkflow } from "../../../src/index.js";

export interface StepSpec {
  readonly id: number;
  readonly task: string;
  readonly config?: Readonly<Record<string, string>>;
  readonly name?: string;
}

/** An agent-form document: step 1 is the trigger; versions and types come from the bundled catalog. */
export function flowDocument(
  trigger: string,
  steps: readonly StepSpec[],
  links: readonly (readonly [number, string, number])[],
): Record<string, unknown> {
  const catalog = bundledCatalog();
  const step = (s: StepSpec) => {
    const task = catalog.task(s.task);
    return {
      step_id: s.id,
      task_id: s.task,
      task_version: task?.version ?? "0.1",
      task_type: task?.task_type ?? "ACTION",
      config_field_values: Object.entries(s.config ?? {}).map(
        ([config_field_id, value]) => ({ config_field_id, value }),
      ),
      ...(s.name === undefined ? {} : { name: s.name }),
    };
  };
  return {
    __metadata: { version: 0.1 },
    root: {
      workflow_name: "Test workflow",
      steps: [step({ id: 1, task: trigger }), ...steps.map(step)],
      links: links.map(([from, port, to]) => ({
        from_step_id: from,
        from_port_id: port,
        to_step_id: to,
        to_port_id: "input",
      })),
      patched_fields: [],
    },
  };
}

export function flow(
  trigger: string,
  steps: readonly StepSpec[],
  links: readonly (readonly [number, string, number])[],
): FlowWorkflow {
  const read = readWorkflow(
    JSON.stringify(flowDocument(trigger, steps, links)),
  );
  if (!read.ok)
    throw new Error(read.diagnostics.map((d) => d.message).join("; "));
  return read.value;
}

/** A one-condition workflow tagging "yes"/"no" on an order, for condition semantics. */
export function conditionFlow(
  condition: string,
  trigger = "shopify::admin::order_created",
): FlowWorkflow {
  return flow(
    trigger,
    [
      { id: 2, task: "shopify::flow::condition", config: { condition } },
      tagStep(3, "yes"),
      tagStep(4, "no"),
    ],
    [
      [1, "output", 2],
      [2, "true", 3],
      [2, "false", 4],
    ],
  );
}

export function tagStep(id: number, tag: string): StepSpec {
  return {
    id,
    task: "shopify::admin::add_order_tags",
    config: {
      order_id: '{"value":"{{ order.id }}","default_value":""}',
      tags: JSON.stringify([tag]),
    },
  };
}
