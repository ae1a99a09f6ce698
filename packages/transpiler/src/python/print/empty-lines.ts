import type { LogicalLine } from "./statement-lines.js";

/**
 * Port of black 23.1's `EmptyLineTracker` for our statements (no classes, comments,
 * imports or flow control), with no blank lines in the "source": every blank line in the
 * output is one black forces, so black reads them back and forces the same ones.
 * Returns, per logical line, the number of blank lines before it.
 */
export function emptyLinesBefore(lines: readonly LogicalLine[]): number[] {
  const previousDefs: number[] = [];
  let previous: LogicalLine | undefined;
  return lines.map((current) => {
    const before = forcedBefore(current, previous, previousDefs);
    previous = current;
    return before;
  });
}

function forcedBefore(
  current: LogicalLine,
  previous: LogicalLine | undefined,
  previousDefs: number[],
): number {
  let before = 0;
  const depth = current.depth;
  for (
    let last = previousDefs.at(-1);
    last !== undefined && last >= depth;
    last = previousDefs.at(-1)
  ) {
    if (depth > 0) before = 1;
    // A dependent clause (`else:`, `elif …:`) after a nested def at top level gets one.
    else if (
      last > 0 &&
      current.opensBlock &&
      !["with", "try", "for", "while", "if", "match"].includes(current.keyword)
    )
      before = 1;
    else before = 2;
    previousDefs.pop();
  }
  if (current.isDecorator || current.isDef) {
    if (current.isDef) previousDefs.push(depth);
    if (previous === undefined || previous.isDecorator) return 0;
    if (previous.depth < depth && previous.isDef) return 0;
    return depth > 0 ? 1 : 2;
  }
  if (previous === undefined || previous.opensBlock) return 0;
  return before;
}
