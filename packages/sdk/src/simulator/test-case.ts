import { z } from "zod";
import type {
  Catalog,
  Diagnostic,
  FlowWorkflow,
  Result,
} from "@flowpy/transpiler";
import { observableEqual, type OrderPolicy } from "./equivalent.js";
import { readWorkflow } from "./read-workflow.js";
import { createSimulator } from "./simulate.js";
import { sdkCodes } from "../sdk-codes.js";
import { canonicalJson, type SimRecord, type SimValue } from "./sim-value.js";
import {
  observable,
  type ObservableEntry,
  type TraceEntry,
  type TriggerEvent,
} from "./trace.js";

const record = z.record(z.string(), z.json());
const orderMode = z.enum(["ordered", "multiset"]);

export const triggerEventSchema = z.strictObject({
  payload: record,
  stubs: record.optional(),
});

export const observableEntrySchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.enum(["action", "wait"]),
    taskId: z.string(),
    arguments: record,
  }),
  z.strictObject({
    kind: z.literal("failure"),
    taskId: z.string(),
    code: z.string(),
  }),
]);

/** A verifiable test: a workflow (Flow JSON object), events, and what each event must do. */
export const testCaseSchema = z
  .strictObject({
    workflow: record,
    events: z.array(triggerEventSchema),
    expectedTraces: z.array(z.array(observableEntrySchema)),
    order: z.union([orderMode, z.record(z.string(), orderMode)]).optional(),
  })
  .refine((tc) => tc.events.length === tc.expectedTraces.length, {
    message: "expectedTraces needs exactly one trace per event",
    path: ["expectedTraces"],
  });

export interface TestCase {
  readonly workflow: SimRecord;
  readonly events: readonly TriggerEvent[];
  readonly expectedTraces: readonly (readonly ObservableEntry[])[];
  readonly order?: OrderPolicy;
}

/** Validates test-case data (e.g. written by a model); never throws. */
export function parseTestCase(value: unknown): Result<TestCase> {
  const parsed = testCaseSchema.safeParse(value);
  if (parsed.success)
    return { ok: true, value: parsed.data as TestCase, diagnostics: [] };
  return {
    ok: false,
    diagnostics: parsed.error.issues.map((issue): Diagnostic => ({
      code: sdkCodes.simTestCaseInvalid,
      severity: "error",
      message: issue.message,
      path: issue.path.filter(
        (p): p is string | number =>
          typeof p === "string" || typeof p === "number",
      ),
    })),
  };
}

/** Canonical JSON (keys sorted at every depth): equal test cases give equal text. */
export function testCaseToJson(testCase: TestCase): string {
  return canonicalJson(testCase as unknown as SimValue);
}

/** A test case whose expected traces are what `workflow` does on `events`. */
export function createTestCase(
  workflow: SimRecord,
  events: readonly TriggerEvent[],
  options: {
    readonly catalog: Catalog;
    readonly order?: OrderPolicy;
    readonly now?: string;
  },
): Result<TestCase> {
  const read = readWorkflow(JSON.stringify(workflow));
  if (!read.ok) return read;
  const run = createSimulator(read.value, options);
  return {
    ok: true,
    value: {
      workflow,
      events,
      expectedTraces: events.map((e) => observable(run(e).trace)),
      ...(options.order === undefined ? {} : { order: options.order }),
    },
    diagnostics: [],
  };
}

export interface TestCaseMismatch {
  readonly index: number;
  readonly event: TriggerEvent;
  readonly expected: readonly ObservableEntry[];
  readonly actual: readonly ObservableEntry[];
  readonly trace: readonly TraceEntry[];
}

export interface TestCaseReport {
  readonly pass: boolean;
  readonly passed: number;
  readonly total: number;
  readonly firstMismatch?: TestCaseMismatch;
  /** Why the test could not run at all (unreadable workflow). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Runs a test case: its own workflow, or `options.workflow` (e.g. a generated candidate)
 * against the same events and expected traces.
 */
export function runTestCase(
  testCase: TestCase,
  options: {
    readonly catalog: Catalog;
    readonly workflow?: FlowWorkflow;
    readonly now?: string;
  },
): TestCaseReport {
  let workflow = options.workflow;
  if (workflow === undefined) {
    const read = readWorkflow(JSON.stringify(testCase.workflow));
    if (!read.ok)
      return {
        pass: false,
        passed: 0,
        total: testCase.events.length,
        diagnostics: read.diagnostics,
      };
    workflow = read.value;
  }
  const run = createSimulator(workflow, options);
  let passed = 0;
  let firstMismatch: TestCaseMismatch | undefined;
  testCase.events.forEach((event, index) => {
    const expected = testCase.expectedTraces[index] ?? [];
    const result = run(event);
    const actual = observable(result.trace);
    if (observableEqual(actual, expected, testCase.order ?? "ordered"))
      passed++;
    else
      firstMismatch ??= { index, event, expected, actual, trace: result.trace };
  });
  const total = testCase.events.length;
  return {
    pass: passed === total,
    passed,
    total,
    ...(firstMismatch === undefined ? {} : { firstMismatch }),
    diagnostics: [],
  };
}
