import {
  bundledCatalog,
  createCompiler,
  formatJsonPath,
  loadWorkflow,
  readDocument,
  validateWorkflow,
  type Catalog,
  type Compiler,
  type CompileResult,
  type Diagnostic,
} from "../../src/index.js";

let shared: Promise<Compiler> | undefined;

/** One compiler for a test file (loading tree-sitter once). */
export function compiler(): Promise<Compiler> {
  shared ??= createCompiler();
  return shared;
}

/** A workflow module on `order_created` whose `run(order)` body is `body` (lines from 4). */
export function program(
  body: string,
  trigger = "shopify.admin.order_created",
  params = "order",
): string {
  const indented = body
    .split("\n")
    .map((l) => (l.length > 0 ? `    ${l}` : l))
    .join("\n");
  return `@workflow("Test")\n@trigger(${trigger})\ndef run(${params}):\n${indented}\n`;
}

export async function compilePython(python: string): Promise<CompileResult> {
  return (await compiler()).compile(python);
}

/** The parts of a diagnostic the rule tests assert: code, bucket, line:column, JSON path. */
export interface Seen {
  readonly code: string;
  readonly bucket: string | undefined;
  readonly at: string | undefined;
  readonly path: string | undefined;
}

export function seen(d: Diagnostic): Seen {
  return {
    code: d.code,
    bucket: d.bucket,
    at:
      d.span === undefined
        ? undefined
        : `${d.span.start.line}:${d.span.start.column}`,
    path: d.path === undefined ? undefined : formatJsonPath(d.path),
  };
}

/** Validates a JSON document (any form) against a catalog, failing the test if it does not load. */
export function validateJson(
  document: unknown,
  catalog: Catalog = bundledCatalog(),
): readonly Diagnostic[] {
  const read = readDocument(
    typeof document === "string" ? document : JSON.stringify(document),
  );
  if (!read.ok) throw new Error(`unreadable: ${read.diagnostics[0]?.message}`);
  const loaded = loadWorkflow(read.value.node);
  if (!loaded.ok)
    throw new Error(`does not load: ${loaded.diagnostics[0]?.message}`);
  return validateWorkflow(loaded.value.workflow, { catalog });
}

type StepJson = Readonly<Record<string, unknown>>;

/** An agent-form document: an order_created trigger (step 1) chained through `steps`. */
export function chainDocument(steps: readonly StepJson[]): unknown {
  const all: Readonly<Record<string, unknown>>[] = [
    {
      step_id: 1,
      task_id: "shopify::admin::order_created",
      task_version: "0.1",
      task_type: "TRIGGER",
      config_field_values: [],
    },
    ...steps.map((s, i) => ({ step_id: i + 2, task_version: "0.1", ...s })),
  ];
  const links = all.slice(1).map((s, i) => ({
    from_step_id: i + 1,
    from_port_id:
      all[i]?.task_type === "CONDITION"
        ? "true"
        : all[i]?.task_type === "FOREACH"
          ? "loop_body"
          : "output",
    to_step_id: s.step_id,
    to_port_id: "input",
  }));
  return {
    __metadata: { version: 0.1 },
    root: { workflow_name: "Test", steps: all, links, patched_fields: [] },
  };
}

export function action(
  taskId: string,
  config: Readonly<Record<string, string>>,
): StepJson {
  return {
    task_id: taskId,
    task_type: "ACTION",
    config_field_values: Object.entries(config).map(([k, v]) => ({
      config_field_id: k,
      value: v,
    })),
  };
}
