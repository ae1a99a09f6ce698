import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../../..",
);
export const corpusRoot = join(repoRoot, "corpus");

export interface CorpusCase {
  readonly name: string;
  readonly document: string;
  readonly golden: string;
}

/** Every `corpus/<topic>/<case>/workflow.{json,flow}` with its `workflow.py`. Set ONLY=<substring> to narrow. */
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

export function readText(path: string): string {
  return readFileSync(path, "utf8");
}
