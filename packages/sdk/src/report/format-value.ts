import type { Interval, ValueFormat } from "./report-model.js";

/**
 * Numbers as the report shows them. Hand-rolled rather than `toLocaleString`, whose output
 * depends on the ICU data of the machine: the same report must give the same bytes anywhere.
 */
export function formatValue(value: number, format: ValueFormat): string {
  if (!Number.isFinite(value)) return "n/a";
  switch (format) {
    case "percent":
      return `${fixed(value * 100, 1)}%`;
    case "number": {
      const size = Math.abs(value);
      return fixed(value, size >= 100 ? 0 : size >= 10 ? 1 : 2);
    }
    case "integer":
      return fixed(Math.round(value), 0);
    case "milliseconds":
      return Math.abs(value) < 1000
        ? `${fixed(value, 0)} ms`
        : `${fixed(value / 1000, 2)} s`;
    case "seconds":
      return `${fixed(value, Math.abs(value) < 10 ? 2 : 1)} s`;
    case "usd": {
      const text = fixed(Math.abs(value), Math.abs(value) < 0.01 ? 4 : 2);
      return value < 0 && text !== "0.00" ? `−$${text}` : `$${text}`;
    }
  }
}

/** A difference: signed, and in percentage points for fractions. */
export function formatDelta(value: number, format: ValueFormat): string {
  if (!Number.isFinite(value)) return "n/a";
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  const size = Math.abs(value);
  const body =
    format === "percent"
      ? `${fixed(size * 100, 1)} pts`
      : formatValue(size, format);
  return /^[0.,]+( pts)?$/.test(body) ? `±${body}` : `${sign}${body}`;
}

export function formatInterval(
  interval: Interval,
  format: ValueFormat,
  delta = false,
): string {
  const show = delta ? formatDelta : formatValue;
  const level =
    interval.level === undefined || !Number.isFinite(interval.level)
      ? ""
      : `${fixed(interval.level * 100, 0)}% `;
  return `${level}CI ${show(interval.low, format)} to ${show(interval.high, format)}`;
}

export function formatCount(n: number): string {
  return formatValue(n, "integer");
}

/** `toFixed` with thousands separators and without a negative zero. */
function fixed(value: number, digits: number): string {
  // Scaling a finite value (percent, seconds) can overflow.
  if (!Number.isFinite(value)) return "n/a";
  const text = value.toFixed(digits);
  if (/^-0(\.0*)?$/.test(text)) return text.slice(1);
  const [whole = "", fraction] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const signed = grouped.startsWith("-") ? `−${grouped.slice(1)}` : grouped;
  return fraction === undefined ? signed : `${signed}.${fraction}`;
}

/** An axis tick: like the value, without trailing zero decimals ("50%", not "50.0%"). */
export function formatTick(
  value: number,
  format: ValueFormat,
  delta = false,
): string {
  if (value === 0) return "0";
  const text = delta ? formatDelta(value, format) : formatValue(value, format);
  return text.replace(/\.0+(?=\D*$)/, "");
}
