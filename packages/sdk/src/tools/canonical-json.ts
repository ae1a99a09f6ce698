import type { JsonValue } from "../conversation/chat-message.js";
import { formatNumber } from "../json/format-number.js";

/**
 * How JSON text is laid out. Two layouts exist on purpose (ml-stack.md §2.2, Gotcha G3):
 *
 * - `toolArgumentsLayout` (`", "` and `": "`): vLLM parses every history tool call's
 *   `arguments` and the chat template re-prints it with Python's `json.dumps`, so a training
 *   row must already hold exactly that text or the served prompt differs from the trained one.
 * - `toolResponseLayout` (`","` and `":"`): a tool message's content is a string the server
 *   passes through untouched, and both training and the agent service produce it with this
 *   module, so the compact form is safe and costs the fewest tokens.
 *
 * Both write keys in the order given (never sorted), non-ASCII characters as themselves
 * (Python's `ensure_ascii=False`) and no HTML escaping, which is what transformers' `tojson`
 * does.
 */
export interface JsonLayout {
  readonly keySeparator: string;
  readonly itemSeparator: string;
}

export const toolArgumentsLayout: JsonLayout = {
  keySeparator: ": ",
  itemSeparator: ", ",
};

export const toolResponseLayout: JsonLayout = {
  keySeparator: ":",
  itemSeparator: ",",
};

/**
 * Serialises a value with `layout`. Numbers print as Python's `json.dumps` prints the
 * number a JavaScript double can hold: integral values without a fraction (`1`, since a
 * double cannot remember `1.0`), others in Python's shortest `repr` (`0.5`, `1e-07`,
 * `1.5e+16`), so no tool text depends on JavaScript's own float spelling (Gotcha G4).
 */
export function writeJson(value: JsonValue, layout: JsonLayout): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return formatNumber(value);
    case "string":
      return JSON.stringify(value);
    default:
      break;
  }
  if (Array.isArray(value)) {
    const items: readonly JsonValue[] = value;
    return `[${items.map((v) => writeJson(v, layout)).join(layout.itemSeparator)}]`;
  }
  const entries = Object.entries(value as { readonly [k: string]: JsonValue });
  return `{${entries
    .map(
      ([k, v]) =>
        `${JSON.stringify(k)}${layout.keySeparator}${writeJson(v, layout)}`,
    )
    .join(layout.itemSeparator)}}`;
}
