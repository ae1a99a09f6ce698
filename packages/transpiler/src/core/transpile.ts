import { codes } from "../diagnostics/codes.js";
import { error, fail, ok, type Result } from "../diagnostics/diagnostic.js";
import type { JsonNode } from "../json/json-node.js";
import type { Module } from "../python/ast/nodes.js";
import { parsePython } from "../python/parse/parse-python.js";
import { printPython } from "../python/print/print-python.js";
import type { Dialect } from "./dialect.js";
import {
  documentForms,
  readDocument,
  writeDocument,
  type DocumentForm,
} from "./document-form.js";
import { reconcile } from "./reconcile.js";
import type { Trivia } from "./trivia.js";

/*
 * The two pipelines, generic over the dialect:
 *   JSON text → readDocument → dialect.toPython → printPython → Python text (+ trivia)
 *   Python text → parsePython → dialect.fromPython → reconcile with trivia → JSON text
 * User input problems come back as diagnostics; nothing here throws on bad input.
 */

export interface ToPythonResult {
  readonly python: string;
  readonly module: Module;
  readonly trivia: Trivia;
}

export function jsonToPython<O>(
  text: string,
  dialect: Dialect<O>,
  options: O = dialect.defaultOptions,
): Result<ToPythonResult> {
  return guarded(() => {
    const read = readDocument(text);
    if (!read.ok) return read;
    return documentToPython(read.value.node, read.value.form, dialect, options);
  });
}

export function documentToPython<O>(
  node: JsonNode,
  form: DocumentForm,
  dialect: Dialect<O>,
  options: O = dialect.defaultOptions,
): Result<ToPythonResult> {
  const mapped = dialect.toPython(node, options);
  if (!mapped.ok) return mapped;
  const { module, facts } = mapped.value;
  return ok(
    {
      python: printPython(module),
      module,
      trivia: { dialect: dialect.name, form, original: node, facts },
    },
    mapped.diagnostics,
  );
}

export interface ToJsonOptions<O> {
  /** From `jsonToPython`: restores ids, layout, key order and spellings of the original document. */
  readonly trivia?: Trivia;
  /** Form for documents without trivia (default: the agent form). */
  readonly form?: DocumentForm;
  readonly dialectOptions?: O;
}

export interface ToJsonResult {
  readonly json: string;
  readonly document: JsonNode;
}

export function pythonToJson<O>(
  python: string,
  dialect: Dialect<O>,
  options: ToJsonOptions<O> = {},
): Result<ToJsonResult> {
  return guarded(() => {
    const parsed = parsePython(python);
    if (!parsed.ok) return parsed;
    return moduleToJson(parsed.value, dialect, options);
  });
}

/**
 * The last line of defence for services that run this per request: a bug in flowpy turns
 * into an `internal-error` diagnostic for that one input instead of an exception. Tests
 * assert it never happens (the fuzz and property suites fail on any internal-error).
 */
function guarded<T>(run: () => Result<T>): Result<T> {
  try {
    return run();
  } catch (e) {
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return fail([
      error(
        codes.internalError,
        `flowpy failed on this input (${what.slice(0, 300)})`,
        {
          path: [],
          hint: "This is a bug in flowpy, not in the input; please report it with the input.",
        },
      ),
    ]);
  }
}

export function moduleToJson<O>(
  module: Module,
  dialect: Dialect<O>,
  options: ToJsonOptions<O> = {},
): Result<ToJsonResult> {
  const trivia = options.trivia;
  if (trivia !== undefined && trivia.dialect !== dialect.name) {
    return fail([
      error(
        codes.flowPyNoWorkflow,
        `trivia belongs to dialect ${JSON.stringify(trivia.dialect)}, not ${JSON.stringify(dialect.name)}`,
        { path: [] },
      ),
    ]);
  }
  const fresh = dialect.fromPython(
    module,
    options.dialectOptions ?? dialect.defaultOptions,
    trivia?.facts,
  );
  if (!fresh.ok) return fresh;
  const document =
    trivia === undefined
      ? fresh.value
      : reconcile(trivia.original, fresh.value, dialect.reconcile);
  const form = trivia?.form ?? options.form ?? documentForms.agent;
  return ok(
    { json: writeDocument(document, form), document },
    fresh.diagnostics,
  );
}
