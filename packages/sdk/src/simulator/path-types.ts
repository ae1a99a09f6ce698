import type { TypeRef } from "./type-universe.js";
import type { UsageNode } from "./usage.js";
import type { WorkflowPlan } from "./workflow-plan.js";

/** The declared type at an absolute path, and whether the value there is a list. */
export interface PathType {
  readonly type: TypeRef | undefined;
  readonly list: boolean;
}

/** Root variables the plan knows a type for: trigger roots and step outputs. */
export function rootType(
  plan: WorkflowPlan,
  root: string,
): TypeRef | undefined {
  const trigger = plan.roots.get(root);
  if (trigger !== undefined) return trigger;
  for (const o of plan.outputs.values()) if (o.variable === root) return o.type;
  return undefined;
}

export function isOutputVariable(plan: WorkflowPlan, root: string): boolean {
  for (const o of plan.outputs.values()) if (o.variable === root) return true;
  return false;
}

export function pathType(
  plan: WorkflowPlan,
  segments: readonly string[],
): PathType {
  const [root = "", ...rest] = segments;
  let type = rootType(plan, root);
  let usage: UsageNode | undefined = plan.usage.get(root);
  for (const seg of rest) {
    usage = usage?.children.get(seg);
    type =
      type === undefined || plan.types.shape(type.name).kind !== "object"
        ? undefined
        : plan.types.field(type.name, seg);
  }
  return {
    type,
    list: type?.list === true || usage?.list === true,
  };
}

export function usageAt(
  plan: WorkflowPlan,
  segments: readonly string[],
): UsageNode | undefined {
  const [root = "", ...rest] = segments;
  let node = plan.usage.get(root);
  for (const seg of rest) node = node?.children.get(seg);
  return node;
}

/**
 * The first field on a Liquid path that its catalog type does not have and that is
 * spelled the theme way (snake_case, e.g. `created_at`); undefined when the path checks
 * out or runs through types the catalog does not describe.
 */
export function themeStyleField(
  plan: WorkflowPlan,
  path: readonly string[],
): string | undefined {
  if (!path.some((s) => s.includes("_"))) return undefined;
  const [root = "", ...rest] = path;
  let segments: readonly string[] = path;
  for (const f of plan.foreach.values())
    if (f.variable === root) segments = [...f.listPath.split("."), ...rest];
  const [first = "", ...fields] = segments;
  let type = rootType(plan, first);
  for (const seg of fields) {
    if (type === undefined || plan.types.shape(type.name).kind !== "object")
      return undefined;
    const next = plan.types.field(type.name, seg);
    if (next === undefined) return seg.includes("_") ? seg : undefined;
    type = next;
  }
  return undefined;
}
