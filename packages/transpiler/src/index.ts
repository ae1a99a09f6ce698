/**
 * @flowpy/transpiler — workflow JSON ⇄ idiomatic Python, exact in both directions.
 *
 * Most callers need two functions:
 * @example
 * ```ts
 * import { flowToPython, pythonToFlow } from "@flowpy/transpiler";
 * const py = flowToPython(workflowJsonText);          // Result<{ python, trivia, module }>
 * if (py.ok) {
 *   const back = pythonToFlow(py.value.python, { trivia: py.value.trivia }); // the same tokens
 *   const fresh = pythonToFlow(modelWrittenPython);                          // canonical agent form
 * }
 * ```
 * Every function returns a `Result` with located diagnostics; none throws on bad input.
 *
 * For model output on the inference path, keep one compiler and call it per answer:
 * @example
 * ```ts
 * import { createCompiler, renderDiagnosticsForModel } from "@flowpy/transpiler";
 * const compiler = await createCompiler();            // bundled catalog; or { catalog }
 * const result = compiler.compile(rawModelOutput);     // { ok, workflow?, python, diagnostics, notes }
 * if (!result.ok) toolResponse(renderDiagnosticsForModel(result.diagnostics));
 * ```
 */
import type { Result } from "./diagnostics/diagnostic.js";
import {
  jsonToPython,
  pythonToJson,
  type ToJsonOptions,
  type ToJsonResult,
  type ToPythonResult,
} from "./core/transpile.js";
import { checkRoundTrip, type RoundTripReport } from "./core/round-trip.js";
import { flowDialect, type FlowOptions } from "./dialects/flow/flow-dialect.js";

// Flow convenience API ---------------------------------------------------------------

/** Flow JSON text (agent, IaC or `.flow` export form) → Python text plus the trivia that makes the way back exact. */
export function flowToPython(
  json: string,
  options: FlowOptions = flowDialect.defaultOptions,
): Result<ToPythonResult> {
  return jsonToPython(json, flowDialect, options);
}

/** Python text → Flow JSON text; with `trivia` the original ids, layout and spellings come back. */
export function pythonToFlow(
  python: string,
  options: ToJsonOptions<FlowOptions> = {},
): Result<ToJsonResult> {
  return pythonToJson(python, flowDialect, options);
}

/** Checks both round-trip guarantees on one Flow document (what `flowpy roundtrip` runs). */
export function checkFlowRoundTrip(
  json: string,
  options: FlowOptions = flowDialect.defaultOptions,
): RoundTripReport {
  return checkRoundTrip(json, flowDialect, options);
}

// Dialect-independent core -----------------------------------------------------------
export type { Dialect, DialectFacts } from "./core/dialect.js";
export {
  jsonToPython,
  pythonToJson,
  documentToPython,
  moduleToJson,
} from "./core/transpile.js";
export type {
  ToPythonResult,
  ToJsonResult,
  ToJsonOptions,
} from "./core/transpile.js";
export { checkRoundTrip } from "./core/round-trip.js";
export type { RoundTripReport } from "./core/round-trip.js";
export { reconcile } from "./core/reconcile.js";
export type { ReconcilePolicy } from "./core/reconcile.js";
export {
  readDocument,
  writeDocument,
  documentForms,
} from "./core/document-form.js";
export type { DocumentForm, ReadDocument } from "./core/document-form.js";
export type { Trivia } from "./core/trivia.js";

// Flow dialect -----------------------------------------------------------------------
export {
  flowDialect,
  loadWorkflow,
  canonicalWorkflow,
  decodeConditionValue,
} from "./dialects/flow/flow-dialect.js";
export type { FlowOptions } from "./dialects/flow/flow-dialect.js";
export type {
  FlowWorkflow,
  FlowStep,
  FlowLink,
  ConfigEntry,
  PatchedField,
  StepKey,
} from "./dialects/flow/model.js";
export { bundledTaskLookup } from "./dialects/flow/known-tasks.js";
export type {
  KnownTask,
  TaskLookup,
  TaskType,
} from "./dialects/flow/known-tasks.js";
export { parseConditionDsl } from "./dialects/flow/condition/parse-dsl.js";
export { printConditionDsl } from "./dialects/flow/condition/print-dsl.js";
export {
  decodeConditionTree,
  encodeConditionTree,
} from "./dialects/flow/condition/tree.js";
export {
  conditionEquals,
  normalizeCondition,
} from "./dialects/flow/condition/condition-ast.js";
export type {
  Condition,
  Comparison,
  Logical,
  Quantified,
  Unary,
  Operand,
} from "./dialects/flow/condition/condition-ast.js";
export {
  conditionToPython,
  pythonToCondition,
} from "./dialects/flow/condition-python.js";
export {
  configValueToPython,
  pythonToConfigValue,
  canonicalConfigValue,
} from "./dialects/flow/config-value.js";

// Task catalog -----------------------------------------------------------------------
export {
  loadCatalog,
  catalogTaskLookup,
} from "./dialects/flow/catalog/load-catalog.js";
export type { Catalog } from "./dialects/flow/catalog/load-catalog.js";
export { bundledCatalog } from "./dialects/flow/catalog/bundled-catalog.js";
export type {
  CatalogData,
  CatalogTask,
  ConfigField,
  ReturnField,
  EnvironmentType,
  EnvironmentField,
  CatalogEnvironment,
} from "./dialects/flow/catalog/catalog-schema.js";

// Validation and the inference path --------------------------------------------------------
export { compile, createCompiler } from "./compile/compile.js";
export type {
  CompileOptions,
  CompileResult,
  Compiler,
} from "./compile/compile.js";
export { validateWorkflow } from "./dialects/flow/validate/validate-workflow.js";
export type { ValidateOptions } from "./dialects/flow/validate/validate-workflow.js";
export { repairWorkflow } from "./dialects/flow/validate/repair-workflow.js";
export type {
  RepairResult,
  Repair,
} from "./dialects/flow/validate/repair-workflow.js";
export {
  flowBuckets,
  flowBucketOf,
} from "./dialects/flow/validate/flow-buckets.js";
export type {
  FlowBucket,
  LocalBucket,
  DiagnosticBucket,
} from "./dialects/flow/validate/flow-buckets.js";

// Raw model output -----------------------------------------------------------------------
export { extractPython } from "./model-output/extract-python.js";
export type { Extraction } from "./model-output/extract-python.js";
export { createLocator, locateDiagnostics } from "./model-output/locate.js";
export { diagnoseAll } from "./model-output/tolerant-diagnostics.js";

// Workflow files on disk ----------------------------------------------------------------
export { findWorkflowFiles } from "./cli/find-workflow-files.js";

// Python -------------------------------------------------------------------------------
export { parsePython } from "./python/parse/parse-python.js";
export type { ParsePythonOptions } from "./python/parse/parse-python.js";
export { printPython, printExpression } from "./python/print/print-python.js";
export { py } from "./python/ast/builders.js";
export type * from "./python/ast/nodes.js";

// JSON ---------------------------------------------------------------------------------
export { parseJson } from "./json/parse-json.js";
export {
  printJson,
  compactStyle,
  prettyStyle,
  pythonJsonDumpsStyle,
} from "./json/print-json.js";
export type { JsonStyle } from "./json/print-json.js";
export { inferJsonStyle } from "./json/infer-style.js";
export {
  jsonToValue,
  valueToJson,
  jsonEquals,
  jsonNodesIdentical,
} from "./json/to-value.js";
export { firstDifference, getAtPath } from "./json/json-path.js";
export type {
  JsonNode,
  JsonObject,
  JsonArray,
  JsonString,
  JsonNumber,
  JsonEntry,
} from "./json/json-node.js";

// Diagnostics --------------------------------------------------------------------------
export { codes } from "./diagnostics/codes.js";
export type { DiagnosticCode } from "./diagnostics/codes.js";
export { formatJsonPath } from "./diagnostics/diagnostic.js";
export type {
  Diagnostic,
  Result,
  JsonPath,
  Severity,
} from "./diagnostics/diagnostic.js";
export { renderDiagnostic } from "./diagnostics/render-diagnostic.js";
export { renderDiagnosticsForModel } from "./diagnostics/render-for-model.js";
export { InternalError, TranspileError } from "./diagnostics/errors.js";
export type { Span, Position } from "./source/span.js";

// Used by the sdk simulator
export { checkGraph } from "./dialects/flow/check-graph.js";
export type { FlowGraph } from "./dialects/flow/check-graph.js";
export { workflowToPython } from "./dialects/flow/to-python.js";
export { createVariableNamer } from "./dialects/flow/output-variables.js";
export type { VariableNamer } from "./dialects/flow/output-variables.js";
export { foreachItemName } from "./dialects/flow/names.js";
export { assertNever } from "./diagnostics/errors.js";
