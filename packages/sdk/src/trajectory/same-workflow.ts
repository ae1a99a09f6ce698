import {
  canonicalWorkflow,
  loadWorkflow,
  readDocument,
} from "@flowpy/transpiler";

/**
 * The canonical form (`canonicalWorkflow`) of a workflow document as text, or undefined
 * when it does not load: equal texts mean the same workflow up to ids, order and encodings.
 */
export function canonicalWorkflowText(json: string): string | undefined {
  const read = readDocument(json);
  if (!read.ok) return undefined;
  const loaded = loadWorkflow(read.value.node);
  if (!loaded.ok) return undefined;
  const canonical = canonicalWorkflow(
    loaded.value.workflow,
    loaded.value.graph,
  );
  return canonical.ok ? JSON.stringify(canonical.value) : undefined;
}

export function sameWorkflow(a: string, b: string): boolean {
  const ca = canonicalWorkflowText(a);
  return ca !== undefined && ca === canonicalWorkflowText(b);
}
