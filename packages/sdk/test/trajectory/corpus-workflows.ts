import { readFileSync, readdirSync } from "node:fs";
import { join, relative } from "node:path";

/** Every workflow document of `corpus/` (not the error cases), sorted by path. */
export const corpusRoot = join(import.meta.dirname, "../../../../corpus");

export function corpusWorkflows(): readonly {
  readonly name: string;
  readonly text: string;
}[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort(
      (a, b) => (a.name < b.name ? -1 : 1),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "_errors_") walk(path);
      } else if (
        entry.name === "workflow.json" ||
        entry.name === "workflow.flow"
      )
        out.push({
          name: relative(corpusRoot, dir),
          text: readFileSync(path, "utf8"),
        });
    }
  };
  walk(corpusRoot);
  return out;
}
