/** The committed grammar artifacts are regenerated from the current grammar. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  renderPythonCstTypes,
  renderPythonDiagrams,
} from "../../scripts/grammar-artifacts.js";

const regenerate =
  "stale: run `npx tsx packages/transpiler/scripts/generate-python-diagrams.ts`";

describe("generated Python grammar artifacts", () => {
  it("grammars/python-subset.diagrams.html is up to date", () => {
    const committed = readFileSync(
      new URL(
        "../../../../grammars/python-subset.diagrams.html",
        import.meta.url,
      ),
      "utf8",
    );
    expect(committed === renderPythonDiagrams(), regenerate).toBe(true);
    expect(committed).toContain("operand");
  });

  it("src/python/parse/cst.generated.ts is up to date", async () => {
    const committed = readFileSync(
      new URL("../../src/python/parse/cst.generated.ts", import.meta.url),
      "utf8",
    );
    expect(committed === (await renderPythonCstTypes()), regenerate).toBe(true);
  });

  it("the normative EBNF names every subset construct the AST has", () => {
    const ebnf = readFileSync(
      new URL("../../../../grammars/python-subset.ebnf", import.meta.url),
      "utf8",
    );
    for (const kind of [
      "FunctionDef",
      "If",
      "Assign",
      "Expr",
      "Pass",
      "BoolOp",
      "UnaryOp",
      "Compare",
      "Call",
      "Attribute",
      "Tuple",
      "GeneratorExp",
    ]) {
      expect(ebnf, kind).toContain(kind);
    }
  });
});
