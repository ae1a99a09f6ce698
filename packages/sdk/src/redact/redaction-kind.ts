/**
 * What redaction replaces, in the fixed order every count record uses (so counts serialize
 * the same way on every run).
 */
export const redactionKinds = [
  "email",
  "phone",
  "url_token",
  "api_key",
  "shop_domain",
  "customer_name",
  "gid",
  "ip_address",
  "postal_address",
] as const;

export type RedactionKind = (typeof redactionKinds)[number];

export type RedactionCounts = Readonly<Record<RedactionKind, number>>;

/** One replaced value: where it was found is the caller's business, what it was is not kept past the call. */
export interface Redaction {
  readonly kind: RedactionKind;
  /** The value as found (decoded text, not its JSON lexeme). */
  readonly original: string;
  readonly placeholder: string;
}

/** Counts by kind, every kind present (zeros included), in `redactionKinds` order. */
export function countRedactions(
  redactions: readonly Redaction[],
): RedactionCounts {
  const counts = Object.fromEntries(
    redactionKinds.map((kind) => [kind, 0]),
  ) as Record<RedactionKind, number>;
  for (const r of redactions) counts[r.kind] += 1;
  return counts;
}
