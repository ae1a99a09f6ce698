import { codes, type DiagnosticCode } from "../../../diagnostics/codes.js";
import type { Diagnostic } from "../../../diagnostics/diagnostic.js";

/** The four buckets Flow's `workflow-create-or-update` sorts validation errors into (SPEC §g). */
export type FlowBucket =
  "configFieldErrors" | "conditionErrors" | "foreachBodyErrors" | "taskErrors";

/**
 * Problems Flow's backend never reports because the input is not a workflow yet:
 * `syntaxErrors` for text or a document that does not parse or has no workflow meaning
 * (Python syntax, constructs outside the subset, a malformed model-output wrapper, JSON
 * syntax, a malformed catalog), `internalErrors` for a bug in flowpy.
 */
export type LocalBucket = "syntaxErrors" | "internalErrors";

export type DiagnosticBucket = FlowBucket | LocalBucket;

/**
 * Every code's bucket. Exhaustive over the code catalogue, so a new code does not compile
 * until it is given one. Where SPEC §g does not say which bucket Flow uses, the choice
 * follows its table: paths and values are `configFieldErrors` (the condition is a config
 * field too, so unknown paths inside conditions land there), operator and type problems
 * inside conditions are `conditionErrors`, ports and task identity are `taskErrors`.
 */
export const flowBuckets = {
  // lossless JSON layer: the text is not JSON
  [codes.jsonSyntax]: "syntaxErrors",
  [codes.jsonTooDeep]: "syntaxErrors",
  [codes.jsonTooLarge]: "syntaxErrors",
  [codes.jsonDuplicateKey]: "syntaxErrors",
  // Flow document shape
  [codes.flowExportPrefix]: "syntaxErrors",
  [codes.flowMissingField]: "syntaxErrors",
  [codes.flowInvalidType]: "syntaxErrors",
  [codes.flowPartialDocument]: "syntaxErrors",
  [codes.flowTooDeep]: "syntaxErrors",
  [codes.flowInexpressible]: "syntaxErrors",
  [codes.flowInvalidTaskType]: "taskErrors",
  [codes.flowDuplicateStepId]: "taskErrors",
  [codes.flowDanglingLink]: "taskErrors",
  [codes.flowUnknownPort]: "taskErrors",
  [codes.flowBadTargetPort]: "taskErrors",
  [codes.flowCycle]: "taskErrors",
  [codes.flowInvalidConfigValue]: "configFieldErrors",
  [codes.flowDuplicateConfigField]: "configFieldErrors",
  // conditions
  [codes.conditionSyntax]: "conditionErrors",
  [codes.conditionLiquid]: "conditionErrors",
  [codes.conditionInvalidTree]: "conditionErrors",
  [codes.conditionOperatorType]: "conditionErrors",
  [codes.conditionListAsScalar]: "conditionErrors",
  // Python text
  [codes.pySyntax]: "syntaxErrors",
  [codes.pyIndentation]: "syntaxErrors",
  [codes.pyUnsupported]: "syntaxErrors",
  [codes.pyTooDeep]: "syntaxErrors",
  [codes.pyTooLarge]: "syntaxErrors",
  [codes.pyTooManyErrors]: "syntaxErrors",
  // Python that parses but has no workflow meaning; the ones that name a step part go to its bucket
  [codes.flowPyNoWorkflow]: "syntaxErrors",
  [codes.flowPyUnexpectedStatement]: "syntaxErrors",
  [codes.flowPyUnknownDecorator]: "syntaxErrors",
  [codes.flowPyUnknownFunction]: "syntaxErrors",
  [codes.flowPyInvalidTask]: "taskErrors",
  [codes.flowPyInvalidValue]: "configFieldErrors",
  [codes.flowPyDuplicateArgument]: "configFieldErrors",
  [codes.flowPyInvalidCondition]: "conditionErrors",
  // validation against the catalog
  [codes.flowUnknownTask]: "taskErrors",
  [codes.flowUnknownTaskVersion]: "taskErrors",
  [codes.flowTaskTypeMismatch]: "taskErrors",
  [codes.flowTaskPort]: "taskErrors",
  [codes.flowMissingTrigger]: "taskErrors",
  [codes.flowMissingAction]: "taskErrors",
  [codes.flowUnknownConfigField]: "configFieldErrors",
  [codes.flowMissingConfigField]: "configFieldErrors",
  [codes.flowConfigEncoding]: "configFieldErrors",
  [codes.flowUnknownPath]: "configFieldErrors",
  [codes.flowConnectionPath]: "configFieldErrors",
  [codes.flowNotAList]: "configFieldErrors",
  [codes.flowStepOutputScope]: "configFieldErrors",
  [codes.flowDataAfterWait]: "configFieldErrors",
  [codes.flowForeachItemScope]: "foreachBodyErrors",
  [codes.liquidForbidden]: "configFieldErrors",
  [codes.liquidSyntax]: "configFieldErrors",
  // repairs (notes) belong to the value they changed
  [codes.repairWrapper]: "configFieldErrors",
  [codes.repairNumber]: "configFieldErrors",
  [codes.repairBoolean]: "configFieldErrors",
  // catalogs and model-output wrappers
  [codes.catalogInvalid]: "syntaxErrors",
  [codes.modelOutputEmpty]: "syntaxErrors",
  [codes.modelOutputFenced]: "syntaxErrors",
  [codes.modelOutputUnclosedFence]: "syntaxErrors",
  [codes.modelOutputSeveralBlocks]: "syntaxErrors",
  [codes.modelOutputProse]: "syntaxErrors",
  [codes.modelOutputToolCall]: "syntaxErrors",
  [codes.modelOutputJsonWorkflow]: "syntaxErrors",
  [codes.internalError]: "internalErrors",
} as const satisfies Record<DiagnosticCode, DiagnosticBucket>;

const table: Readonly<Record<string, DiagnosticBucket>> = flowBuckets;

/** The bucket of a code; codes from outside the catalogue (a caller's own) have none. */
export function flowBucketOf(code: string): DiagnosticBucket | undefined {
  return Object.hasOwn(table, code) ? table[code] : undefined;
}

/** `d` with its Flow bucket filled in (unchanged when it has one or its code has none). */
export function withFlowBucket(d: Diagnostic): Diagnostic {
  if (d.bucket !== undefined) return d;
  const bucket = flowBucketOf(d.code);
  return bucket === undefined ? d : { ...d, bucket };
}
