/** The instant range `[start, end)` of an ISO 8601 week such as `2026-W47`, in ms since the epoch (UTC). */
export interface IsoWeek {
  readonly week: string;
  readonly start: number;
  readonly end: number;
}

const DAY = 86_400_000;

/** Parses `YYYY-Www`; undefined for anything else, or a week 53 the year does not have. */
export function parseIsoWeek(week: string): IsoWeek | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const n = Number(m[2]);
  // Week 1 is the week with the year's first Thursday, i.e. the one holding 4 January.
  const jan4 = Date.UTC(year, 0, 4);
  const mondayOfWeek1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  const start = mondayOfWeek1 + (n - 1) * 7 * DAY;
  if (n < 1 || n > 53) return undefined;
  const thursday = new Date(start + 3 * DAY);
  if (thursday.getUTCFullYear() !== year) return undefined;
  return { week, start, end: start + 7 * DAY };
}
