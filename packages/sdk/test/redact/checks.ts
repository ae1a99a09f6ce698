import {
  bundledCatalog,
  formatJsonPath,
  loadWorkflow,
  readDocument,
  validateWorkflow,
} from "@flowpy/transpiler";
import {
  buildTrajectory,
  type Redaction,
  type TrajectoryEnvironment,
} from "../../src/index.js";

export const catalog = bundledCatalog();

export const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

/** The validation diagnostics of a document, as `code path` keys, sorted. */
export function validationKeys(json: string): string[] {
  const read = readDocument(json);
  const loaded = read.ok ? loadWorkflow(read.value.node) : read;
  if (!loaded.ok) throw new Error("does not load");
  return validateWorkflow(loaded.value.workflow, { catalog })
    .map((d) => `${d.code} ${formatJsonPath(d.path ?? [])}`)
    .sort();
}

/** Puts the originals back in place of their placeholders. */
export function unredact(
  text: string,
  redactions: readonly Redaction[],
): string {
  let out = text;
  for (const r of [...redactions].sort(
    (a, b) => b.placeholder.length - a.placeholder.length,
  ))
    out = out.split(r.placeholder).join(r.original);
  return out;
}

/** A document without its export prefix. */
export function documentBody(text: string): string {
  return text.replace(/^[0-9a-f]{64}:/, "");
}

/** The text with up to three levels of JSON string escaping undone (JSON inside JSON strings). */
export function unescaped(text: string): string {
  let out = text;
  for (let i = 0; i < 3; i++) out = out.replace(/\\(["\\/])/g, "$1");
  return out;
}

/**
 * Why the trajectory builder refuses a workflow (`code: message` each), or nothing when it
 * builds a create conversation from it. Its first check is the one redaction must keep:
 * the workflow's Python compiles back to the same workflow.
 */
export function trajectoryRefusals(
  json: string,
  env: TrajectoryEnvironment,
): string[] {
  const built = buildTrajectory(
    { workflow: json, variant: "create", seed: 1, request: "Build this." },
    env,
  );
  return built.ok
    ? []
    : built.diagnostics.map((d) => `${d.code}: ${d.message}`);
}
