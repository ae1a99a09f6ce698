import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** Corpus metadata that sits beside workflow documents and is not one. */
const METADATA =
  /\.trivia\.json$|MANIFEST\.json$|expect\.json$|validation\.json$/;

/**
 * The workflow documents under `path`, sorted: the file itself, or every `*.json` /
 * `*.flow` file found recursively, skipping `_errors_` folders (bad inputs), hidden
 * folders, `node_modules` and the corpus metadata files. `undefined` when `path` does not
 * exist. Shared by `flowpy roundtrip` and the SDK's dataset commands, so both read the
 * same documents from a folder.
 */
export function findWorkflowFiles(path: string): string[] | undefined {
  try {
    if (statSync(path).isFile()) return [path];
  } catch {
    return undefined;
  }
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const child = join(dir, name);
      if (statSync(child).isDirectory()) {
        if (
          name !== "_errors_" &&
          name !== "node_modules" &&
          !name.startsWith(".")
        )
          walk(child);
      } else if (/\.(json|flow)$/.test(name) && !METADATA.test(name))
        out.push(child);
    }
  };
  walk(path);
  return out;
}
