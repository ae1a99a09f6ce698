import { codes } from "../diagnostics/codes.js";
import { error, ok, type Diagnostic } from "../diagnostics/diagnostic.js";
import { bundledCatalog } from "../dialects/flow/catalog/bundled-catalog.js";
import type { Catalog } from "../dialects/flow/catalog/load-catalog.js";
import { pythonToWorkflowWithSourceMap } from "../dialects/flow/from-python.js";
import type { TaskLookup } from "../dialects/flow/known-tasks.js";
import { writeAgentDocument } from "../dialects/flow/write-agent-document.js";
import { catalogFacts } from "../dialects/flow/validate/catalog-facts.js";
import { withFlowBucket } from "../dialects/flow/validate/flow-buckets.js";
import { repairWorkflow } from "../dialects/flow/validate/repair-workflow.js";
import { validateWorkflowFindings } from "../dialects/flow/validate/validate-workflow.js";
import { extractPython } from "../model-output/extract-python.js";
import { isProseLine } from "../model-output/find-prose.js";
import { splitLines } from "../model-output/split-lines.js";
import { createLocator } from "../model-output/locate.js";
import {
  checkLimitOf,
  diagnoseAllWithin,
  MAX_REPORTED,
  SPACES_THEN_TAB,
} from "../model-output/tolerant-diagnostics.js";
import type { FastParseReach } from "../python/parse/fast-parse.js";
import {
  parsePython,
  parsePythonFastPath,
} from "../python/parse/parse-python.js";
import {
  loadTreeSitterPython,
  type TreeSitterPython,
} from "../python/tree-sitter/load-tree-sitter.js";
import { createLineIndex } from "../source/line-index.js";
import { applyRepairsToPython } from "./apply-repairs.js";
import { pythonSpanFor } from "./python-locations.js";

export interface CompileOptions {
  /** The task catalog to validate against; the bundled one by default. */
  readonly catalog?: Catalog;
}

export interface CompileResult {
  /** No error: `workflow` is set. Warnings and notes do not make a result fail. */
  readonly ok: boolean;
  /** The workflow as agent-form JSON text (what `workflow-create-or-update` takes), when ok. */
  readonly workflow?: string;
  /** The code that was compiled: extracted from the raw output, with repairs applied. */
  readonly python: string;
  /**
   * Errors and warnings, sorted by position then code. Python-side ones carry a span in
   * the RAW model output (1-based line:column) and, where they concern the workflow, the
   * JSON path in `workflow`; every one carries its bucket (`flow-buckets.ts`).
   */
  readonly diagnostics: readonly Diagnostic[];
  /** What flowpy changed on its own (`severity: "note"`): removed wrappers, repaired values. */
  readonly notes: readonly Diagnostic[];
}

export interface Compiler {
  /** Raw model output → Flow JSON. Synchronous, never throws, same input → same result. */
  readonly compile: (rawModelOutput: string) => CompileResult;
}

/**
 * The inference-path API: loads what is slow to load (tree-sitter, the catalog's indexes)
 * once, then compiles each model answer synchronously:
 *   extract (fences, prose, tool-call JSON) → parse (chevrotain; on failure tree-sitter for
 *   every syntax error) → Python → workflow → repair → validate → agent-form JSON.
 * Without tree-sitter (its wasm failed to load) syntax errors come from the first parser only.
 */
export async function createCompiler(
  options: CompileOptions = {},
): Promise<Compiler> {
  let treeSitter: TreeSitterPython | undefined;
  try {
    treeSitter = await loadTreeSitterPython();
  } catch {
    treeSitter = undefined;
  }
  const catalog = options.catalog ?? bundledCatalog();
  const tasks = catalogFacts(catalog).tasks;
  return {
    compile: (raw) => guarded(raw, () => run(raw, catalog, tasks, treeSitter)),
  };
}

/** One-off `compile`; services should keep a `createCompiler()` and call it per request. */
export async function compile(
  rawModelOutput: string,
  options: CompileOptions = {},
): Promise<CompileResult> {
  return (await createCompiler(options)).compile(rawModelOutput);
}

function run(
  raw: string,
  catalog: Catalog,
  tasks: TaskLookup,
  treeSitter: TreeSitterPython | undefined,
): CompileResult {
  const extraction = extractPython(raw);
  const notes: Diagnostic[] = [];
  const problems: Diagnostic[] = [];
  // An unusable wrapper (no code, a JSON workflow, a tool call without code) is about the
  // whole output: it is located there, so every error of `compile` has a position.
  for (const d of extraction.notes) {
    if (d.severity === "error")
      problems.push(
        d.span === undefined
          ? { ...d, span: createLineIndex(raw).span(0, raw.length) }
          : d,
      );
    else notes.push({ ...d, severity: "note" });
  }
  const python = extraction.python;
  if (problems.length > 0) return finish(python, problems, notes);
  const locate = createLocator(raw, extraction);
  const notPython = notPythonAtAll(python);
  if (notPython !== undefined)
    return finish(
      python,
      [
        locate({
          ...notPython,
          span: createLineIndex(python).span(0, python.length),
        }),
      ],
      notes,
    );

  // A verdict on the whole text (too large, too deep to parse) has no span of its own.
  const rejected = (syntax: readonly Diagnostic[]): CompileResult => {
    const whole = createLineIndex(python).span(0, python.length);
    return finish(
      python,
      syntax.map((d) =>
        locate(d.span === undefined ? { ...d, span: whole } : d),
      ),
      notes,
    );
  };
  // The text is measured once, for the routing below and for the tolerant path.
  const limit = treeSitter === undefined ? undefined : checkLimitOf(python);
  // Dense garbage cannot parse, and the fast parser is slow on it (it reports every token),
  // so it goes straight to the tolerant path, which caps its own work. Other text goes
  // to the fast parser; what it cannot read is either invalid (tree-sitter then lists
  // every problem, which is the answer) or valid code outside its reach (tree-sitter
  // finds nothing, and the full parser reads it). The full parser's verdict on text
  // tree-sitter rejects is not needed: the two frontends agree with CPython on the subset
  // (alignment.test.ts), except on the known difference, whose text keeps the order full
  // parser first. A statement too long for tree-sitter (a limit too) may be valid code: the
  // fast parser reads it. A flood of constructs outside the subset or of indentation
  // errors (reason "problems") skips it too: no parser accepts that text.
  const skipFast = limit !== undefined && limit.reason !== "long-line";
  // Where the fast parser gave up: the tolerant path does not ask it again about the
  // statements before.
  const reach: FastParseReach = { readUpTo: 0 };
  const fast =
    treeSitter === undefined || skipFast
      ? undefined
      : parsePythonFastPath(python, {}, reach);
  let full: readonly Diagnostic[] | undefined;
  if (
    treeSitter !== undefined &&
    fast === undefined &&
    (skipFast || !SPACES_THEN_TAB.test(python))
  ) {
    full = diagnoseAllWithin(
      treeSitter,
      python,
      limit,
      !skipFast,
      reach.readUpTo,
    );
    if (full.length > 0) return rejected(full);
  }
  const parsed = fast === undefined ? parsePython(python) : ok(fast);
  if (!parsed.ok) {
    full ??=
      treeSitter === undefined
        ? []
        : diagnoseAllWithin(
            treeSitter,
            python,
            limit,
            !skipFast,
            reach.readUpTo,
          );
    // The parsers disagree on a few inputs CPython accepts (a final backslash + CRLF):
    // then the fast parser's own diagnostics are the answer.
    return rejected(full.length > 0 ? full : parsed.diagnostics);
  }
  const read = pythonToWorkflowWithSourceMap(parsed.value, { tasks });
  if (!read.ok) return finish(python, read.diagnostics.map(locate), notes);
  const { sourceMap } = read.value;

  const repaired = repairWorkflow(read.value.workflow, { catalog });
  const workflow = repaired.workflow;
  const lines = createLineIndex(python);
  const atPython = (
    path: Diagnostic["path"],
    focus?: string,
    occurrence = 0,
  ) =>
    path === undefined
      ? undefined
      : pythonSpanFor(
          path,
          focus,
          workflow,
          sourceMap,
          python,
          lines,
          occurrence,
        );
  for (const note of repaired.notes) {
    const span = atPython(note.path);
    notes.push(locate(span === undefined ? note : { ...note, span }));
  }
  for (const d of read.diagnostics) problems.push(locate(d));
  for (const f of validateWorkflowFindings(workflow, catalog)) {
    const span = atPython(f.diagnostic.path, f.focus, f.focusOccurrence);
    problems.push(
      locate(span === undefined ? f.diagnostic : { ...f.diagnostic, span }),
    );
  }
  const code = applyRepairsToPython(
    python,
    repaired.repairs,
    workflow,
    sourceMap,
  );
  const failed = problems.some((d) => d.severity === "error");
  return finish(
    code,
    problems,
    notes,
    failed ? undefined : writeAgentDocument(workflow),
  );
}

/** A Flow export (`<sha256 hex>:{…}`), which is JSON behind a prefix, not Python. */
const FLOW_EXPORT = /^\s*[0-9a-fA-F]{8,}:\s*[{[]/;

/**
 * Text that holds no Python at all, where the parser's first syntax error would only
 * confuse: a `.flow` export (the JSON DSL the extraction does not recognise behind its
 * prefix), or nothing but prose (an apology, a plan, a question back).
 */
function notPythonAtAll(python: string): Diagnostic | undefined {
  if (FLOW_EXPORT.test(python))
    return error(
      codes.modelOutputJsonWorkflow,
      "the output is a Flow export (`<sha256>:{...}`), the JSON format, not Python",
      {
        hint: "write the workflow as Python: `@workflow(...)` with `@trigger(...)` and task calls",
      },
    );
  if (onlyProse(python))
    return error(
      codes.modelOutputEmpty,
      "the output is text without any code",
      {
        hint: "answer with the workflow's Python code",
      },
    );
  return undefined;
}

/** Some non-blank line, and every one is prose; stops at the first line of code. */
function onlyProse(python: string): boolean {
  let any = false;
  for (const line of splitLines(python)) {
    const text = python.slice(line.start, line.end);
    if (text.trim() === "") continue;
    if (!isProseLine(text)) return false;
    any = true;
  }
  return any;
}

function finish(
  python: string,
  problems: readonly Diagnostic[],
  notes: readonly Diagnostic[],
  workflow?: string,
): CompileResult {
  return {
    ok: workflow !== undefined,
    ...(workflow === undefined ? {} : { workflow }),
    python,
    diagnostics: listedFirst(sortLocated(problems.map(withFlowBucket))),
    notes: listedFirst(sortLocated(notes.map(withFlowBucket))),
  };
}

const SEVERITY_RANK = { error: 2, warning: 1, note: 0 } as const;

/**
 * At most `MAX_REPORTED` diagnostics, then one that counts and spans the others: an
 * answer of 10,000 stray statements gives 10,000 problems of the same few kinds, and
 * listing them all costs time and a model's context without telling it more. The
 * summary is as severe as the worst problem it stands for and keeps their bucket when
 * they share one. A list of syntax errors arrives capped already, its last diagnostic
 * the summary (`diagnoseAll`): one entry over the cap is left as it is.
 */
function listedFirst(ds: readonly Diagnostic[]): readonly Diagnostic[] {
  if (ds.length <= MAX_REPORTED + 1) return ds;
  const rest = ds.slice(MAX_REPORTED);
  let worst: Diagnostic["severity"] = "note";
  let start = rest[0]?.span?.start;
  let end = rest[0]?.span?.end;
  const buckets = new Set<string | undefined>();
  for (const d of rest) {
    if (SEVERITY_RANK[d.severity] > SEVERITY_RANK[worst]) worst = d.severity;
    buckets.add(d.bucket);
    if (d.span === undefined) continue;
    if (start === undefined || d.span.start.offset < start.offset)
      start = d.span.start;
    if (end === undefined || d.span.end.offset > end.offset) end = d.span.end;
  }
  const [bucket] = buckets;
  const summary = withFlowBucket({
    code: codes.pyTooManyErrors,
    severity: worst,
    message: `… and ${rest.length} more problems found from here on (only the first ${MAX_REPORTED} are listed)`,
    hint: "fix the problems listed above first",
    ...(start === undefined || end === undefined
      ? {}
      : { span: { start, end } }),
    ...(buckets.size === 1 && bucket !== undefined ? { bucket } : {}),
  });
  return [...ds.slice(0, MAX_REPORTED), summary];
}

/** By position (unlocated ones first), then code, then message; stable otherwise. */
function sortLocated(ds: readonly Diagnostic[]): Diagnostic[] {
  return ds
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        (a.d.span?.start.offset ?? -1) - (b.d.span?.start.offset ?? -1) ||
        (a.d.span?.end.offset ?? -1) - (b.d.span?.end.offset ?? -1) ||
        compareText(a.d.code, b.d.code) ||
        compareText(a.d.message, b.d.message) ||
        a.i - b.i,
    )
    .map((x) => x.d);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A bug in flowpy becomes an `internal-error` diagnostic for this one input, never an exception. */
function guarded(raw: string, body: () => CompileResult): CompileResult {
  try {
    return body();
  } catch (e) {
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return {
      ok: false,
      python: "",
      diagnostics: [
        withFlowBucket(
          error(
            codes.internalError,
            `flowpy failed on this input (${what.slice(0, 300)})`,
            {
              span: {
                start: { offset: 0, line: 1, column: 1 },
                end: { offset: 0, line: 1, column: 1 },
              },
              hint: `This is a bug in flowpy, not in the input (${raw.length} characters); please report it with the input.`,
            },
          ),
        ),
      ],
      notes: [],
    };
  }
}
