/**
 * black signals "this split does not apply" with `CannotSplit` / `CannotTransform`
 * exceptions and tries the next option. The port keeps that control flow (the splitters
 * are generators, and the interleaving of their side effects matters for exactness), but
 * throws this one frozen value instead of an Error: no stack capture on a hot path, and it
 * never escapes the layout engine.
 */
export const CANNOT_SPLIT: { readonly kind: "CannotSplit" } = Object.freeze({ kind: "CannotSplit" });

export function isCannotSplit(e: unknown): boolean {
  return e === CANNOT_SPLIT;
}
