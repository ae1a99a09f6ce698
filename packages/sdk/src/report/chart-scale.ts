/** A linear map from data values to SVG coordinates, with round tick values. */
export interface LinearScale {
  readonly domain: readonly [number, number];
  readonly at: (value: number) => number;
  readonly ticks: readonly number[];
}

/**
 * A scale over `values` (non-finite ones ignored) that always includes `include` (e.g. 0 for
 * bars), widened to round ticks. A degenerate range still gets a non-empty domain, so every
 * chart has a size even when all values are equal or missing.
 */
export function linearScale(
  values: readonly number[],
  include: readonly number[],
  range: readonly [number, number],
  fixedDomain?: readonly [number, number],
): LinearScale {
  const finite = [...values, ...include].filter(Number.isFinite).map(clamp);
  let low = fixedDomain?.[0] ?? Math.min(...finite, Infinity);
  let high = fixedDomain?.[1] ?? Math.max(...finite, -Infinity);
  if (!Number.isFinite(low) || !Number.isFinite(high)) [low, high] = [0, 1];
  // A span too small to divide into ticks (equal values, denormals) gets a unit of room.
  if (!(high - low > 1e-9 * Math.max(1, Math.abs(low), Math.abs(high)))) {
    const pad = Math.max(1, Math.abs(low)) / 2;
    [low, high] =
      low === 0 ? [0, 1] : high === 0 ? [-1, 0] : [low - pad, high + pad];
  }
  const step = niceStep((high - low) / 4);
  if (fixedDomain === undefined) {
    low = Math.floor(low / step) * step;
    high = Math.ceil(high / step) * step;
  }
  const ticks: number[] = [];
  const first = Math.ceil(low / step - 1e-9) * step;
  for (let t = first, i = 0; t <= high + step * 1e-9 && i < 50; t += step, i++)
    ticks.push(Math.abs(t) < step * 1e-9 ? 0 : Number(t.toPrecision(12)));
  const [r0, r1] = range;
  const span = high - low;
  return {
    domain: [low, high],
    at: (v) =>
      Number.isNaN(v)
        ? r0
        : r0 + ((Math.min(Math.max(v, low), high) - low) / span) * (r1 - r0),
    ticks,
  };
}

/**
 * Charts cover values up to ±1e15 and draw anything beyond at the edge (the labels still say
 * the real value): far past any metric, and it keeps every span and step finite.
 */
function clamp(value: number): number {
  return Math.max(-1e15, Math.min(1e15, value));
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const unit = rough / power;
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power;
}

/** Coordinates are rounded to 0.1 px: shorter files, and no float noise in the bytes. */
export function px(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}
