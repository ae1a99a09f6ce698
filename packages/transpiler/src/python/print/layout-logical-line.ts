import { InternalError } from "../../diagnostics/errors.js";
import { isClosingBracket, type Leaf } from "./layout/leaf.js";
import { appendLeaf, type Line, newLine } from "./layout/line.js";
import { transformLine } from "./layout/transform-line.js";
import type { LogicalLine } from "./statement-lines.js";

/** One output line: nesting relative to its logical line, and its text without indentation. */
export interface PhysicalLine {
  readonly indent: number;
  readonly text: string;
}

/**
 * Lays out a logical line exactly as black would leave it. black adds trailing commas when
 * it explodes a collection, and on its next run those commas are "magic" and can change its
 * choices, so the layout is repeated with the added commas in the source until it adds none:
 * that result is one black maps to itself.
 */
export function layoutLogicalLine(logical: LogicalLine): PhysicalLine[] {
  let magicCommas = new Set<number>();
  for (let pass = 0; pass < 8; pass++) {
    const line = newLine(logical.depth);
    for (const leaf of logical.build(magicCommas)) appendLeaf(line, leaf);
    const lines = transformLine(line);
    const added = addedTrailingCommas(lines, magicCommas);
    if (added.size === magicCommas.size) return lines.map((l) => render(l, logical.depth));
    magicCommas = added;
  }
  throw new InternalError("layout did not reach a fixed point");
}

/** Bracket ids that end with a trailing comma in `lines`, plus the ones already known. */
function addedTrailingCommas(lines: readonly Line[], known: ReadonlySet<number>): Set<number> {
  const result = new Set(known);
  let previous: Leaf | undefined;
  for (const line of lines) {
    for (const leaf of line.leaves) {
      if (previous?.inserted === true && isClosingBracket(leaf.type)) {
        result.add(leaf.bracketId);
      }
      previous = leaf;
    }
  }
  return result;
}

function render(line: Line, baseDepth: number): PhysicalLine {
  let text = "";
  line.leaves.forEach((leaf, i) => {
    text += i === 0 ? leaf.value : leaf.prefix + leaf.value;
  });
  return { indent: line.depth - baseDepth, text };
}
