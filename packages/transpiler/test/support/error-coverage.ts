/**
 * What the faulty-model-output corpus (`corpus/_errors_/*` run through `compile`) must
 * cover, read from the case files: every diagnostic code `compile` can return, every bucket,
 * every mistake kind. Shared by the coverage test and `scripts/update-error-expectations.ts`
 * (which renders the table in `corpus/README.md`).
 */
import { codes } from "../../src/diagnostics/codes.js";
import { flowBuckets } from "../../src/dialects/flow/validate/flow-buckets.js";
import type { ErrorCase } from "./corpus.js";

/** The mistake kinds a case declares (`kind` in `expect.json`), with what each means. */
export const mistakeKinds = {
  // model output around the code
  "empty-output": "nothing, or an empty code block",
  "whitespace-only": "only spaces, tabs and newlines",
  "prose-only": "text without any code (a refusal, a plan, a question)",
  "json-dsl-agent":
    "the workflow in the JSON DSL, agent form (also inside a tool call)",
  "json-dsl-iac": "the JSON DSL, key-sorted IaC form",
  "json-dsl-export": "a `.flow` export (`<sha256>:{…}`)",
  "tool-call-wrapper": "a tool-call JSON with the code in its arguments",
  "fence-without-language": "a code fence with no language tag",
  "unclosed-fence": "a code fence that is never closed",
  "two-workflows": "two workflows in one answer (one block or two)",
  "windows-line-endings": "CRLF line endings",
  tabs: "tab indentation, alone or mixed with spaces",
  "non-ascii-identifiers": "non-ASCII names (parameters, loop variables)",
  "very-long-lines": "lines of thousands of characters",
  "degenerate-output": "a repetition loop or runaway nesting",
  "truncated-mid-line": "output cut in the middle of a line",
  "truncated-mid-string": "output cut inside a string",
  "truncated-mid-block": "output cut before a block's body",
  // Python
  "syntax-error": "Python that does not parse",
  garbage: "noise instead of code: checking stops after the first problems",
  "extra-import": "`import` / `from … import`",
  "helper-function": "a helper `def` (top level or nested)",
  "while-loop": "a `while` loop",
  "eval-exec": "`eval(…)` / `exec(…)`",
  print: "a `print(…)` call",
  class: "a class definition",
  lambda: "a `lambda`",
  "try-except": "`try` / `except`",
  "f-string": "an f-string",
  walrus: "an assignment expression (`:=`)",
  global: "a `global` statement",
  "python-no-workflow-meaning":
    "other valid Python with no workflow meaning (assignments, `return`, `assert`, decorators, calls, …)",
  // tasks and graph
  "unknown-task": "a task id the catalog does not have",
  "wrong-task-version": "a version the task does not have",
  "task-type-mismatch":
    "a trigger called as an action, an action as a trigger, …",
  "missing-trigger": "no `@trigger`",
  "missing-action": "no action step",
  "wrong-port":
    "a link Flow cannot have (`else` on a loop, a call into the trigger or a detached function, a cycle)",
  // config fields and values
  "misspelled-config-field": "a config field the task does not have",
  "missing-required-field": "a required config field left out",
  "duplicate-config-field": "one config field given twice",
  "tags-as-string": "tags as a string instead of a list",
  "quoted-number": "a number written as a string (repaired, noted)",
  "bool-as-string":
    "a boolean written as a string (repaired when certain, noted)",
  "bare-id-needs-wrapper":
    "an id that needs the `{value, default_value}` wrapper (repaired, noted)",
  "enum-value": "a value outside the field's options",
  "wrong-value-encoding":
    "another value in the wrong encoding (headers, recurrence, blob, …)",
  // environment paths and scopes
  "unknown-path-did-you-mean":
    "a misspelled or unknown path, with a did-you-mean hint",
  "snake-case-field": "a snake_case field where Flow uses camelCase",
  "connection-path": "`.edges`, `.nodes` or `[0]` in a path",
  "not-a-list": "a loop or Count over a single value",
  "loop-item-after-loop": "a loop item used after its loop",
  "step-output-before-step":
    "a step output used before its step (or on another branch)",
  "data-after-wait": "Get data / Count / Sum output used after a Wait",
  // conditions
  "mixed-and-or": "`and` mixed with `or`, in the DSL and in Python",
  "list-compared-as-string": "a list compared as one value",
  "string-operator-on-list": "a string operator on a list (or a number)",
  "empty-check-on-number": "`not x` (`empty_or_nil?`) on a number or boolean",
  "quantifier-over-scalar": "`any`/`all` over something that is not a list",
  "liquid-in-condition": "Liquid inside a condition",
  // Liquid in templates
  "liquid-object-output": "printing an object or a list",
  "liquid-json-filter": "`| json`",
  "liquid-index": "`[0]` in Liquid",
  "liquid-first": "`.first` / `.last`",
  "liquid-size": "`.size`, or `| size` on a list of objects",
  "liquid-filter-in-if": "a filter inside `{% if %}`",
  "liquid-syntax":
    "an unclosed `{{` or `{%`, or a block tag without its end tag",
} as const satisfies Record<string, string>;

export type MistakeKind = keyof typeof mistakeKinds;

export function isMistakeKind(kind: string): kind is MistakeKind {
  return Object.hasOwn(mistakeKinds, kind);
}

/**
 * Codes `compile` provably never returns, each with the reason. Every other code of
 * `codes.ts` must have a case. The coverage test checks the reasons it can check.
 */
export const notFromCompile = {
  [codes.jsonSyntax]:
    "compile reads no JSON document: JSON answers are recognised by the model-output reader (model-output-json-workflow), and JSON written in Python (dicts, json(...)) is built, not parsed",
  [codes.jsonTooDeep]: "compile parses no JSON document (as json-syntax)",
  [codes.jsonTooLarge]: "compile parses no JSON document (as json-syntax)",
  [codes.jsonDuplicateKey]:
    "compile parses no JSON document (as json-syntax); a Python dict is built, not parsed",
  [codes.flowExportPrefix]:
    "reported when a `.flow` document is loaded; compile answers an export with model-output-json-workflow",
  [codes.flowMissingField]: "document loading only (decode-document)",
  [codes.flowInvalidType]: "document loading only (decode-document)",
  [codes.flowPartialDocument]: "document loading only (decode-document)",
  [codes.flowInvalidConfigValue]:
    "document loading only: every config value read from Python is encoded as a string",
  [codes.flowInvalidTaskType]:
    "document loading only: Python's step(type=...) is checked when read (flowpy-invalid-value)",
  [codes.flowDuplicateConfigField]:
    "document loading only: Python reports a field given twice as flowpy-duplicate-argument",
  [codes.flowDuplicateStepId]:
    "the Python reader numbers steps itself: ids are unique by construction",
  [codes.flowDanglingLink]:
    "the Python reader links only steps it created: no link names a missing step",
  [codes.flowUnknownPort]:
    "the Python reader takes ports from the statement (if: true/false, for: loop_body/after, call: output), always the step type's own",
  [codes.flowTaskPort]:
    "with the bundled catalog every task offers exactly its type's ports (checked by the coverage test), and a task whose type differs is flow-task-type-mismatch",
  [codes.flowTooDeep]: "reported when Flow JSON is printed as Python only",
  [codes.flowInexpressible]:
    "reported when Flow JSON is printed as Python only",
  [codes.catalogInvalid]:
    "compile takes an already loaded catalog (createCompiler({ catalog }))",
  [codes.internalError]:
    "a bug in flowpy: no case may produce it (every case asserts its absence)",
} as const satisfies Partial<Record<string, string>>;

/** Buckets every compile case set together must reach; `internalErrors` is a bug, never expected. */
export const requiredBuckets = [
  "configFieldErrors",
  "conditionErrors",
  "foreachBodyErrors",
  "taskErrors",
  "syntaxErrors",
] as const;

export function allCodes(): readonly string[] {
  return Object.values(codes);
}

export function codesFromCompile(): readonly string[] {
  return allCodes().filter((c) => !Object.hasOwn(notFromCompile, c));
}

/** The compile cases: raw model output (`input.txt`) run through `compile`. */
export function compileCases(cases: readonly ErrorCase[]): ErrorCase[] {
  return cases.filter((c) => c.via === "compile" && c.kind === "text");
}

/** Codes a case expects to see: its diagnostics and its notes. */
export function expectedCodes(c: ErrorCase): readonly string[] {
  return [...(c.diagnostics ?? []), ...(c.notes ?? [])].map((d) => d.code);
}

function count<T extends string>(
  keys: readonly T[],
  of: (c: ErrorCase) => readonly string[],
  cases: readonly ErrorCase[],
): Map<T, number> {
  return new Map(
    keys.map((k) => [k, cases.filter((c) => of(c).includes(k)).length]),
  );
}

/**
 * The coverage tables of `corpus/README.md`: cases per mistake kind, per code (diagnostic
 * or note) and per bucket. Deterministic: fixed row orders.
 */
export function renderCoverageTables(all: readonly ErrorCase[]): string {
  const cases = compileCases(all);
  const kinds = Object.keys(mistakeKinds) as MistakeKind[];
  const byKind = count(kinds, (c) => c.mistakeKinds, cases);
  const byCode = count(codesFromCompile(), expectedCodes, cases);
  const buckets = [...new Set(Object.values(flowBuckets))];
  const byBucket = count(
    buckets,
    (c) => (c.diagnostics ?? []).map((d) => d.bucket ?? ""),
    cases,
  );
  const ok = cases.filter((c) => c.ok).length;
  const lines = [
    `${cases.length} faulty model outputs run through \`compile\` (${cases.length - ok} rejected, ${ok} accepted after repairs or as near misses).`,
    "",
    "| Mistake kind | Cases | What |",
    "| --- | ---: | --- |",
    ...kinds.map(
      (k) =>
        `| \`${k}\` | ${byKind.get(k) ?? 0} | ${mistakeKinds[k].replace(/\|/g, "\\|")} |`,
    ),
    "",
    "| Code (diagnostic or note) | Cases |",
    "| --- | ---: |",
    ...codesFromCompile().map((c) => `| \`${c}\` | ${byCode.get(c) ?? 0} |`),
    "",
    "| Bucket | Cases |",
    "| --- | ---: |",
    ...buckets.map((b) => `| \`${b}\` | ${byBucket.get(b) ?? 0} |`),
    "",
    "Codes `compile` never returns, so no case has them:",
    "",
    ...Object.entries(notFromCompile).map(([c, why]) => `- \`${c}\`: ${why}.`),
  ];
  return lines.join("\n") + "\n";
}

export const README_START =
  "<!-- error-coverage:start (pnpm update:errors) -->";
export const README_END = "<!-- error-coverage:end -->";

/** `readme` with the text between the markers replaced by `tables`. */
export function withCoverageTables(readme: string, tables: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start)
    throw new Error(
      `corpus/README.md lacks the ${README_START} … ${README_END} markers`,
    );
  return (
    readme.slice(0, start + README_START.length) +
    "\n\n" +
    tables +
    "\n" +
    readme.slice(end)
  );
}
