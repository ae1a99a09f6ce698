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
        if (only === undefined || caseName.includes(only))
          out.push({
            name: caseName,
            document: path,
            golden: join(dirname(path), "workflow.py"),
          });
      }
    }
  };
  walk(corpusRoot);
  return out;
}

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
  readonly kind: "json" | "python";
  readonly codes: readonly string[];
}

export function errorCases(): ErrorCase[] {
  const root = join(corpusRoot, "_errors_");
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort()
    .flatMap((name) => {
      const dir = join(root, name);
      const input = ["input.json", "input.flow", "input.py"]
        .map((f) => join(dir, f))
        .find(existsSync);
      if (input === undefined) return [];
      const expect = JSON.parse(
        readFileSync(join(dir, "expect.json"), "utf8"),
      ) as { codes: string[] };
      return [
        {
          name,
          input,
          kind: input.endsWith(".py") ? ("python" as const) : ("json" as const),
          codes: expect.codes,
        },
      ];
    });
}

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
