import {
  formatJsonPath,
  loadWorkflow,
  prettyStyle,
  printJson,
  readDocument,
  valueToJson,
  type Diagnostic,
  type FlowWorkflow,
  type JsonPath,
  type Result,
} from "@flowpy/transpiler";
import { z } from "zod";
import type { JsonValue } from "../conversation/chat-message.js";
import { sdkCodes } from "../sdk-codes.js";
import { ownString } from "./own-string.js";

/**
 * One production workflow as the dataset pipeline reads it (layout and examples:
 * `packages/sdk/docs/workflow-records.md`). Field names are snake_case because they are the
 * columns of the JSONL and Parquet inputs.
 */
export interface WorkflowRecord {
  /** Unique within one record set. */
  readonly workflow_id: string;
  /** Anonymized merchant (shop) id. */
  readonly merchant_id: string;
  /** Flow JSON text in any of the three forms (agent, IaC, `.flow` export). */
  readonly workflow: string;
  /** When the workflow last ran (ISO 8601 with an offset), `null` when it never ran. */
  readonly last_run_at: string | null;
  readonly runs_last_30_days?: number;
  readonly runs_total?: number;
  readonly enabled?: boolean;
  readonly created_at?: string;
  readonly updated_at?: string;
  /** Every input key the schema does not know, kept as it was so no data is dropped. */
  readonly extra?: { readonly [key: string]: JsonValue };
}

/** The declared fields; any other key of an input record goes to `extra`. */
export const workflowRecordFields = [
  "workflow_id",
  "merchant_id",
  "workflow",
  "last_run_at",
  "runs_last_30_days",
  "runs_total",
  "enabled",
  "created_at",
  "updated_at",
  "extra",
] as const;

const timestampFields: ReadonlySet<string> = new Set([
  "last_run_at",
  "created_at",
  "updated_at",
]);

/** zod's issue kind for refinements (a zod name, not one of our diagnostic codes). */
const zodCustomIssue = "custom";

const declared: ReadonlySet<string> = new Set(workflowRecordFields);

const timestamp = z.iso.datetime({
  offset: true,
  message:
    "must be an ISO 8601 timestamp with seconds and an offset, e.g. 2026-11-24T08:00:00Z or 2026-11-24T10:00:00+02:00",
});
const id = z.string().min(1, "must not be empty");
const count = z.int().nonnegative();
/** `null` in an optional field means the same as an absent field (Parquet cannot tell them apart). */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

const shape = z
  .object({
    workflow_id: id,
    merchant_id: id,
    workflow: z.union([
      z.string().min(1, "must not be empty"),
      z.record(z.string(), z.json()),
    ]),
    last_run_at: timestamp.nullable(),
    runs_last_30_days: optional(count),
    runs_total: optional(count),
    enabled: optional(z.boolean()),
    created_at: optional(timestamp),
    updated_at: optional(timestamp),
    extra: optional(z.record(z.string(), z.json())),
  })
  .catchall(z.json())
  .superRefine((value, ctx) => {
    const extra = value.extra ?? {};
    for (const key of Object.keys(value))
      if (!declared.has(key) && Object.hasOwn(extra, key))
        ctx.addIssue({
          code: zodCustomIssue,
          path: [key],
          message: `the key is both a top-level field and a key of \`extra\`; keeping one would drop the other`,
        });
  });

/**
 * The record schema (zod 4). It accepts the workflow as JSON text or as a JSON object; an
 * object is re-serialized as 2-space pretty JSON in its own key order (the agent form).
 * Unknown keys move into `extra`, `null` optional fields are left out.
 */
export const workflowRecordSchema: z.ZodType<WorkflowRecord, unknown> =
  shape.transform((value): WorkflowRecord => {
    const rest = value as Readonly<Record<string, unknown>>;
    // fromEntries defines own properties, so a `__proto__` key is kept like any other.
    const extra: { readonly [key: string]: JsonValue } = Object.fromEntries([
      ...Object.entries(value.extra ?? {}),
      ...Object.keys(rest)
        .filter((key) => !declared.has(key))
        .map((key) => [key, rest[key] as JsonValue] as const),
    ]);
    const workflow =
      typeof value.workflow === "string"
        ? value.workflow
        : printJson(valueToJson(value.workflow as JsonValue), prettyStyle);
    return {
      // Ids outlive the record in sets and maps downstream; see `ownString`.
      workflow_id: ownString(value.workflow_id),
      merchant_id: ownString(value.merchant_id),
      workflow,
      last_run_at: value.last_run_at,
      ...present("runs_last_30_days", value.runs_last_30_days),
      ...present("runs_total", value.runs_total),
      ...present("enabled", value.enabled),
      ...present("created_at", value.created_at),
      ...present("updated_at", value.updated_at),
      ...(Object.keys(extra).length === 0 ? {} : { extra }),
    };
  });

function present<K extends string, V>(
  key: K,
  value: V | null | undefined,
): { [P in K]?: V } {
  return value === null || value === undefined
    ? {}
    : ({ [key]: value } as { [P in K]: V });
}

/**
 * Validates one decoded record: its shape, then that `workflow` reads as a Flow document
 * (the transpiler's `readDocument` and `loadWorkflow`). A bad workflow gives a
 * `record-workflow-invalid` summary followed by the transpiler's own diagnostics, whose
 * JSON paths are prefixed with `workflow` (they point inside the workflow document).
 */
export function checkWorkflowRecord(value: unknown): Result<WorkflowRecord> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return {
      ok: false,
      diagnostics: [
        {
          code: sdkCodes.recordNotObject,
          severity: "error",
          message: `a record must be a JSON object, not ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`,
          path: [],
        },
      ],
    };
  const proto = protoKeyPath(value);
  if (proto !== undefined)
    return {
      ok: false,
      diagnostics: [
        {
          code: sdkCodes.recordInvalidField,
          severity: "error",
          message: `${formatJsonPath(proto)}: a \`__proto__\` key cannot be kept in a plain object, so the record is refused rather than losing it`,
          path: proto,
        },
      ],
    };
  const parsed = workflowRecordSchema.safeParse(value);
  if (!parsed.success)
    return {
      ok: false,
      diagnostics: parsed.error.issues.map((issue) =>
        issueDiagnostic(issue, value),
      ),
    };
  const problems = workflowProblems(parsed.data.workflow);
  return problems.length === 0
    ? { ok: true, value: parsed.data, diagnostics: [] }
    : { ok: false, diagnostics: problems };
}

/** The path of the first own `__proto__` key, walking iteratively (records may nest deeply). */
function protoKeyPath(value: unknown): JsonPath | undefined {
  const stack: { readonly value: unknown; readonly path: JsonPath }[] = [
    { value, path: [] },
  ];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const v = item.value;
    if (typeof v !== "object" || v === null) continue;
    if (Array.isArray(v)) {
      v.forEach((child: unknown, i) =>
        stack.push({ value: child, path: [...item.path, i] }),
      );
      continue;
    }
    if (Object.hasOwn(v, "__proto__")) return [...item.path, "__proto__"];
    for (const [key, child] of Object.entries(v))
      stack.push({ value: child, path: [...item.path, key] });
  }
  return undefined;
}

function issueDiagnostic(issue: z.core.$ZodIssue, input: object): Diagnostic {
  const path: JsonPath = issue.path.filter(
    (p): p is string | number => typeof p !== "symbol",
  );
  const [head] = path;
  const missing =
    path.length === 1 &&
    typeof head === "string" &&
    !Object.hasOwn(input, head) &&
    issue.code === "invalid_type";
  const code = missing
    ? sdkCodes.recordMissingField
    : typeof head === "string" &&
        path.length === 1 &&
        timestampFields.has(head) &&
        issue.code === "invalid_format"
      ? sdkCodes.recordInvalidTimestamp
      : sdkCodes.recordInvalidField;
  const message = missing
    ? `the required field \`${String(head)}\` is missing`
    : `${formatJsonPath(path)}: ${issue.message}`;
  return { code, severity: "error", message, path };
}

function workflowProblems(text: string): readonly Diagnostic[] {
  const loaded = readFlowWorkflow(text);
  return loaded.ok ? [] : loaded.diagnostics;
}

/**
 * Reads Flow JSON text into the semantic workflow. On failure: a `record-workflow-invalid`
 * summary at `workflow`, then the transpiler's errors with paths prefixed by `workflow`
 * and their line:column (which is inside the workflow text) moved into the message.
 */
export function readFlowWorkflow(text: string): Result<FlowWorkflow> {
  const read = readDocument(text);
  const loaded = read.ok ? loadWorkflow(read.value.node) : read;
  if (loaded.ok)
    return { ok: true, value: loaded.value.workflow, diagnostics: [] };
  const severe = loaded.diagnostics.filter((d) => d.severity === "error");
  const errors = severe.length > 0 ? severe : loaded.diagnostics;
  const first = errors[0];
  return {
    ok: false,
    diagnostics: [
      {
        code: sdkCodes.recordWorkflowInvalid,
        severity: "error",
        message: `\`workflow\` is not a readable Flow document${first === undefined ? "" : `: ${first.code}: ${first.message}`}`,
        path: ["workflow"],
      },
      ...errors.map(({ span, path, ...d }): Diagnostic => {
        const at =
          span === undefined
            ? ""
            : ` (line ${span.start.line}, column ${span.start.column} of the workflow text)`;
        return {
          ...d,
          message: `${d.message}${at}`,
          path: ["workflow", ...(path ?? [])],
        };
      }),
    ],
  };
}
