import { InternalError } from "@flowpy/transpiler";
import type { JsonValue } from "../conversation/chat-message.js";

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

/** Python's `json.dumps` spelling of a double (`float.__repr__`, or `int` for integral values). */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n))
    throw new InternalError(`JSON has no representation for ${String(n)}`);
  if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER)
    return Object.is(n, -0) ? "0" : String(n);
  // Both languages print the shortest round-tripping digits; only the layout differs.
  const [mantissa = "", exp = "0"] = n.toExponential().split("e");
  const exponent = Number(exp);
  const sign = mantissa.startsWith("-") ? "-" : "";
  const digits = mantissa.replace("-", "").replace(".", "");
  if (exponent < -4 || exponent >= 16) {
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exponent);
    return `${sign}${head}e${exponent < 0 ? "-" : "+"}${e < 10 ? `0${e}` : e}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction === "" ? "0" : fraction}`;
}
