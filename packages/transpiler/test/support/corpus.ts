import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../..",
);
export const corpusRoot = join(repoRoot, "corpus");
/** Read in place from the shared reference folder (never copied into the project). */
export const publicCorpusRoot = join(repoRoot, "../shared/corpus/public");

export interface CorpusCase {
  readonly name: string;
  readonly document: string;
  readonly golden: string;
  /** `validation.json` beside the document: a transpiler shape case that is no valid workflow. */
  readonly validation?: string;
}

/** Every `corpus/<topic>/<case>/workflow.{json,flow}` with its `workflow.py` beside it. Set ONLY=<substring> to narrow. */
export function corpusCases(): CorpusCase[] {
  const out: CorpusCase[] = [];
  const only = process.env["ONLY"];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== "_errors_") walk(path);
      } else if (name === "workflow.json" || name === "workflow.flow") {
        const caseName = relative(corpusRoot, dirname(path));
        const validation = join(dirname(path), "validation.json");
        if (only === undefined || caseName.includes(only))
          out.push({
            name: caseName,
            document: path,
            golden: join(dirname(path), "workflow.py"),
            ...(existsSync(validation) ? { validation } : {}),
          });
      }
    }
  };
  walk(corpusRoot);
  return out;
}

/**
 * `validation.json` of a corpus case that exists for the transpiler (how a shape prints)
 * but is no valid workflow against the bundled catalog: why, and exactly what validation
 * reports on the document (`json`, compared on code, bucket and path) and on its
 * `workflow.py` through `compile` (compared on code, bucket, line, column and path).
 */
export interface ExpectedValidation {
  readonly reason: string;
  readonly json: readonly ExpectedDiagnostic[];
  readonly compile: readonly ExpectedDiagnostic[];
}

export function readExpectedValidation(file: string): ExpectedValidation {
  return JSON.parse(readFileSync(file, "utf8")) as ExpectedValidation;
}

/** One expected diagnostic or note; only the keys given are compared. */
export interface ExpectedDiagnostic {
  readonly code: string;
  readonly bucket?: string;
  readonly line?: number;
  readonly column?: number;
  /** The JSON path as `formatJsonPath` writes it (`$.root.steps[1].task_id`). */
  readonly path?: string;
}

/**
 * How a case is run:
 * - `transpile`: `pythonToFlow` (input.py) or `flowToPython` (input.json/.flow), the default
 *   for those inputs;
 * - `compile`: the inference path (`createCompiler().compile`) on the raw text, the default
 *   for `input.txt` (model output as written: fenced, with prose, a tool call, …);
 * - `validate`: a JSON document loaded and checked with `validateWorkflow` against the
 *   bundled catalog.
 */
export type ErrorCaseVia = "transpile" | "compile" | "validate";

/** Every `.py` file under `corpus/` (golden `workflow.py` files and error inputs), sorted. */
export function corpusPythonFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".py")) out.push(path);
    }
  };
  walk(corpusRoot);
  return out;
}

export interface ErrorCase {
  readonly name: string;
  readonly input: string;
  readonly kind: "json" | "python" | "text";
  readonly via: ErrorCaseVia;
  /** Each must be among the reported diagnostics' codes. */
  readonly codes: readonly string[];
  /** What the mistake is, in one line (`note`). */
  readonly note: string | undefined;
  /**
   * `expectCode`: the code(s) the mistake must be reported with, among the diagnostics or
   * (for a repair) the notes; stated by hand, so regenerating the expectations cannot
   * accept a wrong answer. `[]` declares a near miss: valid, so no diagnostic at all.
   * Undefined when the case does not declare one.
   */
  readonly expectCodes: readonly string[] | undefined;
  /** `kind`: the mistake kind(s) (`error-coverage.ts`). */
  readonly mistakeKinds: readonly string[];
  /** When given: the reported diagnostics, in order, compared on the keys each entry has. */
  readonly diagnostics?: readonly ExpectedDiagnostic[];
  /** When given (compile only): the notes, in order, compared likewise. */
  readonly notes?: readonly ExpectedDiagnostic[];
  /** Whether the run succeeds (default false: an error case fails). */
  readonly ok: boolean;
}

const INPUTS = ["input.json", "input.flow", "input.py", "input.txt"];

export function errorCases(): ErrorCase[] {
  const root = join(corpusRoot, "_errors_");
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .flatMap((name) => {
      const dir = join(root, name);
      const input = INPUTS.map((f) => join(dir, f)).find(existsSync);
      if (input === undefined) return [];
      const expect = JSON.parse(
        readFileSync(join(dir, "expect.json"), "utf8"),
      ) as {
        codes?: string[];
        note?: string;
        expectCode?: string | string[];
        kind?: string | string[];
        via?: ErrorCaseVia;
        diagnostics?: ExpectedDiagnostic[];
        notes?: ExpectedDiagnostic[];
        ok?: boolean;
      };
      const kind = input.endsWith(".py")
        ? ("python" as const)
        : input.endsWith(".txt")
          ? ("text" as const)
          : ("json" as const);
      return [
        {
          name,
          input,
          kind,
          via: expect.via ?? (kind === "text" ? "compile" : "transpile"),
          codes: expect.codes ?? [],
          note: expect.note,
          expectCodes:
            expect.expectCode === undefined
              ? undefined
              : asList(expect.expectCode),
          mistakeKinds: asList(expect.kind),
          ...(expect.diagnostics === undefined
            ? {}
            : { diagnostics: expect.diagnostics }),
          ...(expect.notes === undefined ? {} : { notes: expect.notes }),
          ok: expect.ok ?? false,
        },
      ];
    });
}

const asList = (v: string | readonly string[] | undefined): string[] =>
  v === undefined ? [] : typeof v === "string" ? [v] : [...v];

export interface PublicCase {
  readonly file: string;
  readonly partial: boolean;
}

/** The shared public documents with the MANIFEST's partial flag. */
export function publicCases(): PublicCase[] {
  const manifest = JSON.parse(
    readFileSync(join(publicCorpusRoot, "MANIFEST.json"), "utf8"),
  ) as { files: { file: string; partial: boolean }[] };
  return manifest.files.map((f) => ({
    file: join(publicCorpusRoot, f.file),
    partial: f.partial,
  }));
}
