import { createHash, createHmac } from "node:crypto";
import { filters as builtinFilters, type FilterImplOptions } from "liquidjs";

/*
 * The filters Flow adds to open-source Liquid (SPEC §e), computed deterministically:
 * "now" is the simulation's fixed clock and every date is read and written in UTC.
 */

const AMOUNT = /^\s*(-?\d+)\s+(day|week|month|year)s?\s*$/i;

export interface FilterHooks {
  readonly now: Date;
  /** Records a problem found while rendering (the render then counts as failed). */
  readonly report: (
    kind: "size-of-objects" | "bad-amount",
    message: string,
  ) => void;
}

export function flowFilters(
  hooks: FilterHooks,
): Readonly<Record<string, FilterImplOptions>> {
  const toDate = (v: unknown): Date | undefined => {
    if (v instanceof Date) return v;
    if (v === "now" || v === "today") return hooks.now;
    if (typeof v === "number") return new Date(v * 1000);
    if (typeof v !== "string") return undefined;
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : new Date(t);
  };
  const shift =
    (sign: 1 | -1) =>
    (value: unknown, amount: unknown): unknown => {
      const date = toDate(value);
      const m = AMOUNT.exec(String(amount));
      if (date === undefined) return value;
      if (m === null) {
        hooks.report(
          "bad-amount",
          `date amount ${JSON.stringify(amount)} is not "<n> days|weeks|months|years"`,
        );
        return value;
      }
      const n = Number(m[1]) * sign;
      const d = new Date(date.getTime());
      switch ((m[2] ?? "").toLowerCase()) {
        case "day":
          d.setUTCDate(d.getUTCDate() + n);
          break;
        case "week":
          d.setUTCDate(d.getUTCDate() + 7 * n);
          break;
        case "month":
          d.setUTCMonth(d.getUTCMonth() + n);
          break;
        default:
          d.setUTCFullYear(d.getUTCFullYear() + n);
      }
      return d.toISOString();
    };
  const digest = (algorithm: string) => (value: unknown) =>
    createHash(algorithm)
      .update(String(value ?? ""))
      .digest("hex");
  const hmac = (algorithm: string) => (value: unknown, key: unknown) =>
    createHmac(algorithm, String(key ?? ""))
      .update(String(value ?? ""))
      .digest("hex");
  const money = (value: unknown): string => {
    const n = Number(value);
    return Number.isFinite(n) ? n.toFixed(2) : String(value ?? "");
  };
  const builtinDate = builtinFilters["date"];
  const builtinSize = builtinFilters["size"];
  const builtinSlice = builtinFilters["slice"];
  return {
    date(this: unknown, value: unknown, ...args: unknown[]) {
      const date = toDate(value) ?? value;
      return typeof builtinDate === "function"
        ? builtinDate.call(this as never, date, ...args)
        : date;
    },
    size(this: unknown, value: unknown) {
      if (
        Array.isArray(value) &&
        value.some((v) => typeof v === "object" && v !== null)
      )
        hooks.report(
          "size-of-objects",
          "size of a list of objects: Flow counts a plucked field instead (list.id | size)",
        );
      return typeof builtinSize === "function"
        ? builtinSize.call(this as never, value)
        : 0;
    },
    // liquidjs slices nil into an empty list; Liquid's nil slices to nil (prints nothing).
    slice(this: unknown, value: unknown, ...args: unknown[]) {
      if (value === null || value === undefined) return "";
      return typeof builtinSlice === "function"
        ? builtinSlice.call(this as never, value, ...args)
        : value;
    },
    date_minus: shift(-1),
    date_plus: shift(1),
    md5: digest("md5"),
    sha1: digest("sha1"),
    sha256: digest("sha256"),
    hmac_sha1: hmac("sha1"),
    hmac_sha256: hmac("sha256"),
    // Never renders: the static rules report blake3 before rendering starts.
    blake3: (value: unknown) => value,
    money,
    money_without_currency: money,
    money_with_currency(
      this: { context?: { environments?: unknown } },
      value: unknown,
    ) {
      const shop = (
        this.context?.environments as
          { shop?: { currencyCode?: unknown } } | undefined
      )?.shop;
      const code =
        typeof shop?.currencyCode === "string" ? ` ${shop.currencyCode}` : "";
      return `${money(value)}${code}`;
    },
    handleize: (value: unknown) =>
      String(value ?? "")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, ""),
  };
}
