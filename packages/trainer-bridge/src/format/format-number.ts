/**
 * Locale-independent number formatting for the arithmetic the planner and the serving sizing
 * show: the same plan must render to the same bytes on every machine.
 */

/** 32762123264 → "32,762,123,264"; non-integers keep up to `digits` decimals. */
export function groupDigits(value: number, digits = 2): string {
  const negative = value < 0;
  const abs = Math.abs(value);
  const fixed = Number.isInteger(abs) ? abs.toFixed(0) : abs.toFixed(digits);
  const [intPart = "0", frac] = fixed.split(".");
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const trimmed = frac?.replace(/0+$/, "");
  return `${negative ? "-" : ""}${grouped}${trimmed ? `.${trimmed}` : ""}`;
}

/** Bytes as decimal gigabytes with two decimals: 8190530816 → "8.19 GB". */
export function gb(bytes: number): string {
  return `${(bytes / 1e9).toFixed(2)} GB`;
}

/** A large count in engineering notation: 196572739584 → "1.966e11". */
export function sci(value: number, digits = 3): string {
  if (value === 0) return "0";
  const [mantissa = "0", exponent = "0"] = value
    .toExponential(digits)
    .split("e");
  return `${mantissa}e${exponent.replace("+", "")}`;
}
