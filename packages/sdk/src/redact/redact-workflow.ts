import {
  checkFlowRoundTrip,
  formatJsonPath,
  loadWorkflow,
  parseJson,
  readDocument,
  validateWorkflow,
  type Catalog,
  type Diagnostic,
  type JsonNode,
  type JsonObject,
  type Result,
} from "@flowpy/transpiler";
import { sdkCodes } from "../sdk-codes.js";
import { sha256Hex } from "../sha256-hex.js";
import { applyEdits, editsInLexeme } from "./json-lexeme.js";
import type { Placeholders } from "./placeholders.js";
import type { Edit } from "./redact-text.js";
import { redactJson, redactValue } from "./redact-value.js";
import type { Redaction } from "./redaction-kind.js";

export interface RedactedDocument {
  readonly json: string;
  readonly redactions: readonly Redaction[];
}

/** Keys whose strings are Flow's identifiers, references or layout, never merchant data. */
const STEP_KEYS: ReadonlySet<string> = new Set([
  "step_id",
  "task_id",
  "task_version",
  "task_type",
  "step_position",
  // The step name becomes the name of its output variable, which later steps reference.
  "name",
]);
const PATCHED_FIELD_KEYS: ReadonlySet<string> = new Set([
  "id",
  "handle",
  "field",
  "patched_type",
  "merchant_configured",
]);
const ROOT_KEYS: ReadonlySet<string> = new Set(["links", "workflow_version"]);

const EXPORT_PREFIX = /^([0-9a-f]{64}):/;

function failure(
  code: string,
  message: string,
  extra: Partial<Diagnostic> = {},
): Result<never> {
  return {
    ok: false,
    diagnostics: [{ code, severity: "error", message, ...extra }],
  };
}

/**
 * Redacts a Flow document in any of its forms. Only the string tokens that hold data are
 * changed, at the characters of the data itself, so keys, ids, layout and every other
 * byte stay as they were; an export prefix that was the body's SHA-256 is recomputed. The
 * result is returned only if it round-trips through the transpiler and validates with no
 * diagnostic the original did not have.
 */
export function redactDocument(
  json: string,
  ph: Placeholders,
  catalog: Catalog,
): Result<RedactedDocument> {
  const read = readDocument(json);
  const loaded = read.ok ? loadWorkflow(read.value.node) : read;
  if (!loaded.ok) {
    const first = loaded.diagnostics[0];
    return failure(
      sdkCodes.redactWorkflowInvalid,
      `the workflow does not load, so it cannot be redacted safely: ${first === undefined ? "no detail" : `${first.code}: ${first.message}`}`,
      first?.path === undefined ? {} : { path: first.path },
    );
  }
  const prefix = EXPORT_PREFIX.exec(json)?.[1];
  const body = prefix === undefined ? json : json.slice(prefix.length + 1);
  const parsed = parseJson(body, { spans: true });
  if (!parsed.ok)
    return failure(
      sdkCodes.redactWorkflowInvalid,
      "the workflow's JSON does not parse",
    );
  const edits = documentEdits(parsed.value, ph);
  if (edits.length === 0)
    return { ok: true, value: { json, redactions: [] }, diagnostics: [] };
  const newBody = applyEdits(body, edits);
  const out =
    prefix === undefined
      ? newBody
      : `${sha256Hex(body) === prefix ? sha256Hex(newBody) : prefix}:${newBody}`;

  const trip = checkFlowRoundTrip(out);
  if (trip.status !== "ok") {
    const first = trip.diagnostics[0];
    const before = checkFlowRoundTrip(json).status;
    return failure(
      sdkCodes.redactRoundTrip,
      `the redacted workflow does not round-trip (${trip.status}${first === undefined ? "" : `: ${first.code}: ${first.message}`}); the original ${before === "ok" ? "does" : "does not either"}`,
    );
  }
  const reread = readDocument(out);
  const reloaded = reread.ok ? loadWorkflow(reread.value.node) : reread;
  if (!reloaded.ok)
    return failure(
      sdkCodes.redactRoundTrip,
      "the redacted workflow does not load",
    );
  const key = (d: Diagnostic): string =>
    `${d.code} ${formatJsonPath(d.path ?? [])}`;
  const had = new Map<string, number>();
  for (const d of validateWorkflow(loaded.value.workflow, { catalog }))
    had.set(key(d), (had.get(key(d)) ?? 0) + 1);
  const added = validateWorkflow(reloaded.value.workflow, { catalog }).filter(
    (d) => {
      const left = had.get(key(d)) ?? 0;
      had.set(key(d), left - 1);
      return left <= 0;
    },
  );
  const first = added[0];
  if (first !== undefined)
    return failure(
      sdkCodes.redactValidationChanged,
      `redaction made the workflow fail validation: ${first.code}: ${first.message}${added.length > 1 ? ` (and ${added.length - 1} more)` : ""}`,
      first.path === undefined ? {} : { path: first.path },
    );
  return {
    ok: true,
    value: { json: out, redactions: edits.map((e) => e.redaction) },
    diagnostics: [],
  };
}

function entriesOf(node: JsonNode | undefined): JsonObject["entries"] {
  return node?.kind === "object" ? node.entries : [];
}

function itemsOf(node: JsonNode | undefined): readonly JsonNode[] {
  return node?.kind === "array" ? node.items : [];
}

/** A string that is data in its own right (a name, a note, a config value), redacted whole. */
function stringEdits(node: JsonNode, ph: Placeholders, field?: string): Edit[] {
  if (node.kind !== "string" || node.span === undefined)
    return redactJson(node, "text", 0, ph);
  const inner = redactValue(
    node.value,
    field === undefined
      ? { mode: "text", depth: 0 }
      : { mode: "text", depth: 0, field },
    ph,
  );
  return editsInLexeme(node.raw, node.span.start.offset, inner);
}

/** Every string of the document that can hold merchant data; unknown keys count as data. */
function documentEdits(document: JsonNode, ph: Placeholders): Edit[] {
  const edits: Edit[] = [];
  for (const top of entriesOf(document)) {
    if (top.key !== "root") {
      if (top.key !== "__metadata")
        edits.push(...redactJson(top.value, "text", 0, ph));
      continue;
    }
    for (const entry of entriesOf(top.value)) {
      if (ROOT_KEYS.has(entry.key)) continue;
      if (entry.key === "steps") {
        for (const step of itemsOf(entry.value))
          edits.push(...stepEdits(step, ph));
      } else if (entry.key === "patched_fields") {
        for (const patched of itemsOf(entry.value))
          for (const e of entriesOf(patched))
            if (!PATCHED_FIELD_KEYS.has(e.key))
              edits.push(...stringEdits(e.value, ph));
      } else {
        edits.push(...stringEdits(entry.value, ph));
      }
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}

function stepEdits(step: JsonNode, ph: Placeholders): Edit[] {
  const edits: Edit[] = [];
  for (const entry of entriesOf(step)) {
    if (STEP_KEYS.has(entry.key)) continue;
    if (entry.key !== "config_field_values") {
      edits.push(...stringEdits(entry.value, ph));
      continue;
    }
    for (const config of itemsOf(entry.value)) {
      const fieldNode = entriesOf(config).find(
        (e) => e.key === "config_field_id",
      )?.value;
      const field = fieldNode?.kind === "string" ? fieldNode.value : undefined;
      for (const e of entriesOf(config))
        if (e.key !== "config_field_id")
          edits.push(...stringEdits(e.value, ph, field));
    }
  }
  return edits;
}
