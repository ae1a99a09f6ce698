import {
  normalizeCondition,
  type Condition,
} from "./condition/condition-ast.js";
import { parseConditionDsl } from "./condition/parse-dsl.js";
import { decodeConditionTree } from "./condition/tree.js";
import { codes } from "../../diagnostics/codes.js";
import { error, fail, ok, type Result } from "../../diagnostics/diagnostic.js";

const noTypes: ReadonlyMap<string, string> = new Map();

/**
 * A condition config value in either encoding (SPEC §b): a JSON condition tree when it
 * starts with `{`, the textual DSL otherwise. `types` are the tree's value_types (empty for
 * DSL text). Diagnostics are located inside the condition (tree path or DSL line:column).
 */
export function decodeConditionText(
  text: string,
): Result<{ condition: Condition; types: ReadonlyMap<string, string> }> {
  if (!text.trimStart().startsWith("{")) {
    const dsl = parseConditionDsl(text);
    return dsl.ok ? ok({ condition: dsl.value, types: noTypes }) : dsl;
  }
  let plain: unknown;
  try {
    plain = JSON.parse(text);
  } catch (e) {
    return fail([
      error(
        codes.conditionInvalidTree,
        `the condition looks like a JSON condition tree but is not valid JSON (${(e as Error).message})`,
        {
          path: [],
        },
      ),
    ]);
  }
  const tree = decodeConditionTree(plain);
  return tree.ok
    ? ok({ condition: tree.value.condition, types: tree.value.types })
    : tree;
}

/** Either encoding of a condition config value, or undefined when neither parses. */
export function decodeConditionValue(text: string): Condition | undefined {
  const decoded = decodeConditionText(text);
  return decoded.ok ? decoded.value.condition : undefined;
}

/** A string equal for two conditions exactly when they mean the same. */
export function conditionKey(c: Condition): string {
  return JSON.stringify(normalizeCondition(c));
}
