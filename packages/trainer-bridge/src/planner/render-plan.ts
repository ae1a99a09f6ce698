import { renderDiagnostic } from "@flowpy/sdk";
import { gb, groupDigits as n, sci } from "../format/format-number.js";
import type { Plan, PlanLine } from "./plan-training.js";

function value(line: PlanLine): string {
  switch (line.unit) {
    case "FLOP":
    case "FLOP/s":
      return `${sci(line.value)} ${line.unit}`;
    case "h":
      return `${n(line.value, 2)} h`;
    case "USD":
      return `$${n(line.value, 2)}`;
    default:
      return `${n(line.value, 2)} ${line.unit}`;
  }
}

function block(lines: readonly PlanLine[]): string[] {
  return lines.map((l) => `  ${l.label}: ${l.formula} = ${value(l)}`);
}

/** The plan as text, every figure followed by the arithmetic behind it. Deterministic. */
export function renderPlan(plan: Plan): string {
  const s = plan.setup;
  const out: string[] = [
    `Plan for ${plan.name}: ${s.model} on ${s.nodes} × ${s.gpusPerNode} ${s.gpuType} (${s.world} GPUs, ${gb(s.gpuMemoryBytes)} and ${sci(s.gpuPeakFlops)} FLOP/s bf16 dense each)`,
    "",
    "Parameters",
    ...block(plan.params.lines),
    "",
    "Memory per GPU (GB = 10^9 bytes; terms summed as if all live at once)",
    ...plan.memory.terms.map(
      (t) => `  ${t.label}: ${t.formula} = ${gb(t.bytes)}`,
    ),
    `  total: ${plan.memory.terms.map((t) => gb(t.bytes).replace(" GB", "")).join(" + ")} = ${gb(plan.memory.totalBytes)} of ${gb(plan.memory.capacityBytes)}`,
    `  activations with checkpointing ${gb(plan.memory.activationsWithCheckpointingBytes)}, without ${gb(plan.memory.activationsWithoutCheckpointingBytes)}`,
    plan.verdict.kind === "fits"
      ? `  verdict: fits, ${gb(plan.verdict.headroomBytes)} headroom`
      : `  verdict: DOES NOT FIT (${gb(plan.verdict.overBytes)} over): ${plan.verdict.reason}`,
    "",
    "Time",
    ...block(plan.time.lines),
    "",
    "Cost",
    ...block(plan.cost.lines),
    "",
    "Assumptions",
    ...plan.assumptions.map((a) => `  ${a.name} = ${a.value}: ${a.why}`),
  ];
  if (plan.diagnostics.length > 0)
    out.push(
      "",
      ...plan.diagnostics.map((d) => renderDiagnostic(d, { file: "spec" })),
    );
  return `${out.join("\n")}\n`;
}

/** The plan as canonical JSON text (fixed key order: the order the planner builds them in). */
export function planJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
