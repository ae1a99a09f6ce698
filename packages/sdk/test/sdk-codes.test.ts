import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { codes as transpilerCodes } from "@flowpy/transpiler";
import { describe, expect, it } from "vitest";
import { sdkCodes } from "../src/index.js";

const src = join(import.meta.dirname, "../src");

describe("sdk diagnostic codes", () => {
  it("are unique, kebab-case, never the transpiler's, and each has a one-line description", () => {
    const values = Object.values(sdkCodes);
    expect(new Set(values).size).toBe(values.length);
    for (const v of values) expect(v).toMatch(/^[a-z]+(-[a-z]+)+$/);
    const theirs = new Set<string>(Object.values(transpilerCodes));
    expect(values.filter((v) => theirs.has(v))).toEqual([]);
    const catalogue = readFileSync(join(src, "sdk-codes.ts"), "utf8");
    for (const [key, value] of Object.entries(sdkCodes))
      expect(catalogue, key).toMatch(
        new RegExp(`/\\*\\* [^\\n]+ \\*/\\n  ${key}: "${value}",`),
      );
  });

  it("are the only codes the sources write: no code is spelled as a literal elsewhere", () => {
    const literals = readdirSync(src, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name !== "sdk-codes.ts")
      .flatMap((e) =>
        [
          ...readFileSync(join(e.parentPath, e.name), "utf8").matchAll(
            /\bcode: "([^"]+)"/g,
          ),
        ].map((m) => `${e.name}: ${m[1]}`),
      );
    expect(literals).toEqual([]);
  });
});
