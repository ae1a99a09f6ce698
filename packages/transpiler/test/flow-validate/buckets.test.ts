import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { codes, flowBucketOf, flowBuckets } from "../../src/index.js";
import { repoRoot } from "../support/corpus.js";

const BUCKETS = [
  "configFieldErrors",
  "conditionErrors",
  "foreachBodyErrors",
  "taskErrors",
  "syntaxErrors",
  "internalErrors",
];

describe("Flow buckets", () => {
  it("give every code in the catalogue one of the six buckets", () => {
    for (const code of Object.values(codes)) {
      expect(BUCKETS, code).toContain(flowBucketOf(code));
    }
    expect(Object.keys(flowBuckets).sort()).toEqual(
      Object.values(codes).sort(),
    );
    expect(flowBucketOf("someone-elses-code")).toBeUndefined();
  });

  it("are documented code by code in grammars/flow-diagnostics.md", () => {
    const doc = readFileSync(
      `${repoRoot}/grammars/flow-diagnostics.md`,
      "utf8",
    );
    const start = doc.indexOf("### Every code and its bucket");
    const section = doc.slice(start, doc.indexOf("\n## ", start));
    const rows = [
      ...section.matchAll(/^\| `([a-z-]+)`\s*\| `(\w+)`\s*\|/gm),
    ].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(Object.entries(flowBuckets));
  });
});
