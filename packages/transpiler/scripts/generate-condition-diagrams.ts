/**
 * Regenerates `grammars/flow-condition.diagrams.html` (railroad diagrams of the condition
 * DSL parser) from the grammar's serialized productions. A test fails when the committed
 * file is stale; fix it by running:
 *   npx tsx packages/transpiler/scripts/generate-condition-diagrams.ts
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createSyntaxDiagramsCode } from "chevrotain";
import { ConditionGrammar } from "../src/dialects/flow/condition/grammar.js";
import { conditionErrorMessages } from "../src/dialects/flow/condition/syntax-errors.js";

export const conditionDiagramsPath = fileURLToPath(
  new URL("../../../grammars/flow-condition.diagrams.html", import.meta.url),
);

export function renderConditionDiagrams(): string {
  const productions = new ConditionGrammar(
    conditionErrorMessages,
  ).getSerializedGastProductions();
  return createSyntaxDiagramsCode(productions);
}

if (
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  writeFileSync(conditionDiagramsPath, renderConditionDiagrams());
  console.log(`wrote ${conditionDiagramsPath}`);
}
