/** One record as exact dedup sees it. */
export interface ExactKeyed {
  readonly id: string;
  readonly exactKey: string;
}

export interface ExactGroup {
  readonly exactKey: string;
  /** The record that stays: the smallest id of the group (UTF-16 code unit order). */
  readonly keptId: string;
  /** Records with this key, the kept one included. */
  readonly size: number;
}

export interface ExactDedupReport {
  readonly input: number;
  readonly kept: number;
  readonly duplicates: number;
  /** Records that repeat the id and key of the kept record (dropped like any duplicate). */
  readonly repeatedIds: number;
  /** The ten largest groups of two or more records, largest first. */
  readonly largestGroups: readonly ExactGroup[];
}

export type DedupOutcome<T> =
  | { readonly kind: "kept"; readonly item: T }
  | {
      readonly kind: "duplicate";
      readonly item: T;
      /** The id of the record it duplicates, which is kept. */
      readonly keptId: string;
    };

export interface ExactDedup<T> {
  readonly report: ExactDedupReport;
  /** A second pass over the source: each record, in source order, kept or a duplicate. */
  readonly outcomes: () => AsyncIterable<DedupOutcome<T>>;
}

const LARGEST_GROUPS = 10;

/**
 * Exact dedup over a re-iterable stream in two passes. The first pass finds, per exact key,
 * the smallest record id, so the record kept does not depend on the input order; the second
 * (`outcomes`) says of each record whether it stays or which record it duplicates. Memory
 * is one entry per distinct key; records are never held.
 *
 * The source must yield the same records both times. A record whose key the first pass did
 * not see is kept (the first of its key), so nothing is dropped without a kept original.
 */
export async function dedupeExact<T>(
  source: () => AsyncIterable<T> | Iterable<T>,
  keyOf: (item: T) => ExactKeyed,
): Promise<ExactDedup<T>> {
  const groups = new Map<string, { keptId: string; size: number }>();
  let input = 0;
  let repeatedIds = 0;
  for await (const item of source()) {
    const { id, exactKey } = keyOf(item);
    input++;
    const group = groups.get(exactKey);
    if (group === undefined) {
      groups.set(exactKey, { keptId: id, size: 1 });
      continue;
    }
    group.size++;
    if (id === group.keptId) repeatedIds++;
    else if (id < group.keptId) group.keptId = id;
  }
  const largestGroups = [...groups]
    .filter(([, g]) => g.size > 1)
    .map(([exactKey, g]) => ({ exactKey, keptId: g.keptId, size: g.size }))
    .sort((a, b) =>
      a.size !== b.size ? b.size - a.size : a.keptId < b.keptId ? -1 : 1,
    )
    .slice(0, LARGEST_GROUPS);
  const report: ExactDedupReport = {
    input,
    kept: groups.size,
    duplicates: input - groups.size,
    repeatedIds,
    largestGroups,
  };
  async function* outcomes(): AsyncIterable<DedupOutcome<T>> {
    // Keys whose kept record has been yielded: a repeat of the kept id is then a duplicate.
    const emitted = new Set<string>();
    for await (const item of source()) {
      const { id, exactKey } = keyOf(item);
      let group = groups.get(exactKey);
      if (group === undefined) {
        group = { keptId: id, size: 1 };
        groups.set(exactKey, group);
      }
      const { keptId } = group;
      if (id === keptId && !emitted.has(exactKey)) {
        emitted.add(exactKey);
        yield { kind: "kept", item };
      } else {
        yield { kind: "duplicate", item, keptId };
      }
    }
  }
  return { report, outcomes };
}
