import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export interface PythonSource {
  /** Path relative to the repository root, with `/` separators: the stable id in reports. */
  readonly file: string;
  readonly text: string;
  /**
   * Under an `_errors_` folder and meant to fail in the parser: every parser must reject
   * it. Corpus error cases whose `expect.json` lists only later-stage codes (`flowpy-…`,
   * such as a missing `@workflow`) are valid Python and not parser errors.
   */
  readonly isError: boolean;
  /** The `py-…` codes its `expect.json` requires (corpus error cases only). */
  readonly expectedCodes: readonly string[];
}

/** The `expect.json` next to a corpus error input, if any. */
function expectedCodes(absolute: string): readonly string[] | undefined {
  const file = path.join(path.dirname(absolute), "expect.json");
  if (!existsSync(file)) return undefined;
  const parsed = JSON.parse(readFileSync(file, "utf8")) as {
    readonly codes?: readonly string[];
  };
  return parsed.codes ?? [];
}

export const repositoryRoot = fileURLToPath(
  new URL("../../../../../", import.meta.url),
);
export const fixturesDir = fileURLToPath(
  new URL("../fixtures/", import.meta.url),
);
export const corpusDir = path.join(repositoryRoot, "corpus");

function listPython(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir, { recursive: true, encoding: "utf8" });
  } catch {
    return [];
  }
  return entries.filter((e) => e.endsWith(".py")).map((e) => path.join(dir, e));
}

/**
 * Every `.py` file under `corpus/` and this folder's `fixtures/`, read as UTF-8 with line
 * endings untouched. `ONLY=<substring>` narrows the set for debugging.
 */
export function loadPythonSources(): PythonSource[] {
  const only = process.env["ONLY"];
  return [...listPython(corpusDir), ...listPython(fixturesDir)]
    .map((absolute) =>
      path.relative(repositoryRoot, absolute).split(path.sep).join("/"),
    )
    .filter((file) => only === undefined || file.includes(only))
    .sort()
    .map((file) => {
      const absolute = path.join(repositoryRoot, file);
      const inErrors = file.split("/").includes("_errors_");
      const codes = inErrors ? expectedCodes(absolute) : undefined;
      const pythonCodes = (codes ?? []).filter((c) => c.startsWith("py-"));
      return {
        file,
        text: readFileSync(absolute, "utf8"),
        isError: inErrors && (codes === undefined || pythonCodes.length > 0),
        expectedCodes: pythonCodes,
      };
    });
}
