import { pythonToFlow, type Diagnostic } from "@flowpy/transpiler";

/**
 * What the submission tool needs from a compiler: Python in, the workflow JSON or the
 * diagnostics out. The catalog-validating `compile` plugs in here; until then
 * `transpilerCompiler` checks syntax, structure and the Python ↔ Flow mapping.
 */
export interface WorkflowCompiler {
  compile(python: string): {
    readonly ok: boolean;
    readonly workflow?: string;
    readonly diagnostics: readonly Diagnostic[];
  };
}

/** The default compiler: `pythonToFlow` into the agent form. */
export const transpilerCompiler: WorkflowCompiler = {
  compile(python) {
    const result = pythonToFlow(python);
    return result.ok
      ? {
          ok: true,
          workflow: result.value.json,
          diagnostics: result.diagnostics,
        }
      : { ok: false, diagnostics: result.diagnostics };
  },
};
