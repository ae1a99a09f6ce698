/** How a synthesized merchant request is written. */
export const requestStyles = [
  "terse",
  "detailed",
  "non_native",
  "vague",
] as const;

export type RequestStyle = (typeof requestStyles)[number];

export function isRequestStyle(value: string): value is RequestStyle {
  return (requestStyles as readonly string[]).includes(value);
}

/**
 * Characters a request of each style may have (after trimming). A terse request is one
 * chat line; a detailed one states every step, so a large workflow makes a long request.
 */
export const requestLengthBounds = {
  terse: { min: 10, max: 280 },
  detailed: { min: 40, max: 4000 },
  non_native: { min: 20, max: 2000 },
  vague: { min: 10, max: 600 },
} as const satisfies Record<
  RequestStyle,
  { readonly min: number; readonly max: number }
>;
