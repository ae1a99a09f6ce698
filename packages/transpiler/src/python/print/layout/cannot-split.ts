/**
 * black signals "this split does not apply" with `CannotSplit` / `CannotTransform`
 * exceptions and then tries the next option. The port keeps that control flow: the
 * splitters are generators (or return their lines at once where black's do all their work
 * before the first yield), and the order of their side effects matters for exactness.
 * One frozen instance is thrown every time (no stack capture on a hot path); it never
 * escapes the layout engine, since `transformLine` catches it.
 */
class CannotSplit extends Error {
  override readonly name = "CannotSplit";
}

export const CANNOT_SPLIT: Error = Object.freeze(
  new CannotSplit("black's CannotSplit / CannotTransform"),
);

export function isCannotSplit(e: unknown): boolean {
  return e === CANNOT_SPLIT;
}
