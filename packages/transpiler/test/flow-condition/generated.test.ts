import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  conditionDiagramsPath,
  renderConditionDiagrams,
} from "../../scripts/generate-condition-diagrams.js";
import { ConditionGrammar } from "../../src/dialects/flow/condition/grammar.js";
import { conditionErrorMessages } from "../../src/dialects/flow/condition/syntax-errors.js";

const ebnf = readFileSync(
  new URL("../../../../grammars/flow-condition.ebnf", import.meta.url),
  "utf8",
);

describe("generated and normative grammar files", () => {
  it("grammars/flow-condition.diagrams.html is up to date", () => {
    const committed = readFileSync(conditionDiagramsPath, "utf8");
    expect(
      committed === renderConditionDiagrams(),
      "stale: run `npx tsx packages/transpiler/scripts/generate-condition-diagrams.ts`",
    ).toBe(true);
  });

  it("the EBNF defines every parser rule in its 'accepted language' part", () => {
    const accepted = ebnf.slice(
      ebnf.indexOf("Part 3."),
      ebnf.indexOf("Part 4."),
    );
    const defined = new Set(
      [...accepted.matchAll(/^([a-z_]+)\s*=/gm)].map((m) => m[1]),
    );
    const rules = new ConditionGrammar(conditionErrorMessages)
      .getSerializedGastProductions()
      .flatMap((p) =>
        "name" in p && typeof p.name === "string" ? [p.name] : [],
      );
    expect(rules.length).toBeGreaterThan(5);
    for (const rule of rules) expect(defined, `rule ${rule}`).toContain(rule);
  });
});
