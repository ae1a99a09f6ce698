import { InternalError } from "@flowpy/transpiler";

/**
 * Python's `repr` of a double (what `json.dumps` writes for a float): the shortest digits
 * that round-trip (JavaScript finds the same ones), in fixed notation when the decimal
 * exponent is in -4..15, otherwise as `d.ddde±XX` with at least two exponent digits.
 */
export function pythonFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Number.POSITIVE_INFINITY) return "Infinity";
  if (x === Number.NEGATIVE_INFINITY) return "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  // toExponential() without an argument gives the shortest round-tripping digits.
  const [mantissa = "", exponentText = "0"] = Math.abs(x)
    .toExponential()
    .split("e");
  const digits = mantissa.replace(".", "");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const rest = digits.slice(1);
    const e = Math.abs(exponent).toString().padStart(2, "0");
    return `${sign}${digits[0] ?? ""}${rest === "" ? "" : `.${rest}`}e${exponent < 0 ? "-" : "+"}${e}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction === "" ? "0" : fraction}`;
}

/**
 * Python's `json.dumps` spelling of a JavaScript number: integral values in the safe range
 * as `int` (a double cannot remember `1.0`, so `1`), everything else as `float.__repr__`.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n))
    throw new InternalError(`JSON has no representation for ${String(n)}`);
  if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER)
    return Object.is(n, -0) ? "0" : String(n);
  return pythonFloatRepr(n);
}
