import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Every dataset file of an output folder (not the store), name → bytes. */
export function outputFiles(dir: string): Map<string, Buffer> {
  return new Map(
    readdirSync(dir)
      .filter((n) => !n.startsWith(".flowpy-store"))
      .sort()
      .map((n) => [n, readFileSync(join(dir, n))]),
  );
}

export function tempFiles(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith(".tmp-flowpy"));
}
