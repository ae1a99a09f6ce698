import type { JsonNode } from "../../json/json-node.js";

export interface KnownStepId {
  readonly id: JsonNode;
  readonly taskId: string;
  /**
   * Config values whose original text is not the canonical encoding, by field id: `key`
   * identifies the meaning (the canonical text, or the normalised condition), `raw` is the
   * original spelling to reuse while the meaning is unchanged.
   */
  readonly spellings?: {
    readonly [fieldId: string]: { readonly key: string; readonly raw: string };
  };
}

// Above this many cells the quadratic alignment is skipped for a positional match.
const MAX_LCS_CELLS = 4_000_000;

/**
 * Finds, for each step of an edited Python program, the original step it is (its index in
 * the original Python order), so it gets its old id and spellings back. Steps
 * are aligned by task id with a longest common subsequence over the Python order, so a step
 * inserted or deleted in the middle does not shift every later id; unmatched steps get
 * fresh ids from the caller.
 */
export function alignStepIds(
  original: readonly KnownStepId[],
  taskIds: readonly string[],
): (number | undefined)[] {
  const n = original.length;
  const m = taskIds.length;
  const out: (number | undefined)[] = new Array<number | undefined>(m).fill(
    undefined,
  );
  const positional =
    n * m > MAX_LCS_CELLS ||
    (n === m && original.every((o, i) => o.taskId === taskIds[i]));
  if (positional) {
    for (let i = 0; i < Math.min(n, m); i++) {
      const o = original[i];
      if (o !== undefined && o.taskId === taskIds[i]) out[i] = i;
    }
    return out;
  }
  const width = m + 1;
  const table = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * width + j] =
        original[i]?.taskId === taskIds[j]
          ? (table[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(
              table[(i + 1) * width + j] ?? 0,
              table[i * width + j + 1] ?? 0,
            );
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (original[i]?.taskId === taskIds[j]) {
      out[j] = i;
      i++;
      j++;
    } else if (
      (table[(i + 1) * width + j] ?? 0) >= (table[i * width + j + 1] ?? 0)
    )
      i++;
    else j++;
  }
  return out;
}
