import {
  normalizeCondition,
  type Condition,
} from "./condition/condition-ast.js";
import { parseConditionDsl } from "./condition/parse-dsl.js";
import { decodeConditionTree } from "./condition/tree.js";

/** Either encoding of a condition config value (SPEC §b), or undefined when neither parses. */
export function decodeConditionValue(text: string): Condition | undefined {
  if (text.trimStart().startsWith("{")) {
    try {
      const tree = decodeConditionTree(JSON.parse(text) as unknown);
      return tree.ok ? tree.value.condition : undefined;
    } catch {
      return undefined;
    }
  }
  const dsl = parseConditionDsl(text);
  return dsl.ok ? dsl.value : undefined;
}

/** A string equal for two conditions exactly when they mean the same. */
export function conditionKey(c: Condition): string {
  return JSON.stringify(normalizeCondition(c));
}
