import type { SliceDimension } from "./conversation-tags.js";

/**
 * The order of slice keys in a `SliceTable`: `all` first, then by dimension (in the order
 * given) and value in code-unit order. Shared so a week's streamed counts come out in the
 * same order as `sliceMetrics`.
 */
export function sliceKeyOrder(
  dimensions: readonly SliceDimension[],
): (a: string, b: string) => number {
  const rank = (key: string): readonly [number, string] => {
    if (key === "all") return [-1, ""];
    const eq = key.indexOf("=");
    return [
      dimensions.indexOf(key.slice(0, eq) as SliceDimension),
      key.slice(eq + 1),
    ];
  };
  return (a, b) => {
    const [da, va] = rank(a);
    const [db, vb] = rank(b);
    return da !== db ? da - db : va < vb ? -1 : va > vb ? 1 : 0;
  };
}
