/** An item as contamination checks see it: its id and both dedup keys. */
export interface ContaminationItem {
  readonly id: string;
  readonly exactKey: string;
  readonly fingerprint: string;
}

/**
 * `exact`: the same exact key (the same workflow); `near`: the same structural fingerprint
 * but not the same workflow. Real keys never match exactly without matching structurally.
 */
export type ContaminationKind = "exact" | "near";

export interface ContaminatedItem {
  readonly id: string;
  /** `exact` when an exact match exists, otherwise `near`. */
  readonly kind: ContaminationKind;
  /** The ids on the other side that share its exact key or its fingerprint, sorted. */
  readonly matches: readonly string[];
}

export interface OverlapCounts {
  /** Training items with a match in the eval set. */
  readonly train: number;
  /** Eval items with a match in the training set. */
  readonly eval: number;
  readonly trainRate: number;
  readonly evalRate: number;
}

export interface ContaminationReport {
  readonly trainItems: number;
  readonly evalItems: number;
  /** Overlap on the exact key. */
  readonly exact: OverlapCounts;
  /** Overlap on the fingerprint; exact overlaps are near ones too, so this is the superset. */
  readonly near: OverlapCounts;
  /** Contaminated training items, sorted by id. */
  readonly train: readonly ContaminatedItem[];
  /** Eval items that occur in training, sorted by id (`matches` are training ids). */
  readonly eval: readonly ContaminatedItem[];
}

export interface ContaminationIndex {
  readonly evalItems: number;
  /** How an item overlaps the indexed eval set, or undefined when it does not. */
  readonly check: (
    item: Pick<ContaminationItem, "exactKey" | "fingerprint">,
  ) => ContaminationKind | undefined;
  /** The eval ids sharing an item's exact key or fingerprint, sorted. */
  readonly matches: (
    item: Pick<ContaminationItem, "exactKey" | "fingerprint">,
  ) => readonly string[];
}

/** Indexes an eval set once (memory proportional to it) for checking any number of items. */
export function createContaminationIndex(
  evalSet: Iterable<ContaminationItem>,
): ContaminationIndex {
  const keys = createKeyIndex();
  let evalItems = 0;
  for (const item of evalSet) {
    evalItems++;
    keys.add(item);
  }
  return { evalItems, check: keys.check, matches: keys.matches };
}

/** Ids by exact key and by fingerprint; `matches` lists both (they agree for real keys). */
function createKeyIndex(): ContaminationIndex & {
  readonly add: (item: ContaminationItem) => void;
} {
  const byExact = new Map<string, string[]>();
  const byFingerprint = new Map<string, string[]>();
  const push = (map: Map<string, string[]>, key: string, id: string): void => {
    const ids = map.get(key);
    if (ids === undefined) map.set(key, [id]);
    else ids.push(id);
  };
  return {
    evalItems: 0,
    add: (item) => {
      push(byExact, item.exactKey, item.id);
      push(byFingerprint, item.fingerprint, item.id);
    },
    check: (item) =>
      byExact.has(item.exactKey)
        ? "exact"
        : byFingerprint.has(item.fingerprint)
          ? "near"
          : undefined,
    matches: (item) => {
      const ids = [
        ...(byExact.get(item.exactKey) ?? []),
        ...(byFingerprint.get(item.fingerprint) ?? []),
      ];
      return [...new Set(ids)].sort(compare);
    },
  };
}

/**
 * Exact and near-duplicate overlap between a training set and an eval set (for example a
 * hand-made benchmark), in both directions, with the ids involved. The eval set is indexed
 * and the training set streamed once; memory is the eval set plus the overlaps found.
 */
export function contaminationReport(
  train: Iterable<ContaminationItem>,
  evalSet: Iterable<ContaminationItem>,
): ContaminationReport {
  const evalList = [...evalSet];
  const index = createContaminationIndex(evalList);
  const trainHits = createKeyIndex();
  const contaminated: ContaminatedItem[] = [];
  let trainItems = 0;
  let exactTrain = 0;
  for (const item of train) {
    trainItems++;
    const kind = index.check(item);
    if (kind === undefined) continue;
    if (kind === "exact") exactTrain++;
    contaminated.push({ id: item.id, kind, matches: index.matches(item) });
    // Only contaminated training items can match an eval item, so only they are indexed.
    trainHits.add(item);
  }
  const evalHits: ContaminatedItem[] = [];
  let exactEval = 0;
  for (const item of evalList) {
    const kind = trainHits.check(item);
    if (kind === undefined) continue;
    if (kind === "exact") exactEval++;
    evalHits.push({ id: item.id, kind, matches: trainHits.matches(item) });
  }
  const rate = (n: number, of: number): number => (of === 0 ? 0 : n / of);
  const byId = (a: ContaminatedItem, b: ContaminatedItem): number =>
    compare(a.id, b.id);
  return {
    trainItems,
    evalItems: evalList.length,
    exact: {
      train: exactTrain,
      eval: exactEval,
      trainRate: rate(exactTrain, trainItems),
      evalRate: rate(exactEval, evalList.length),
    },
    near: {
      train: contaminated.length,
      eval: evalHits.length,
      trainRate: rate(contaminated.length, trainItems),
      evalRate: rate(evalHits.length, evalList.length),
    },
    train: contaminated.sort(byId),
    eval: evalHits.sort(byId),
  };
}

/**
 * The training items that do not overlap the eval set at `level` (`near`, the default,
 * drops exact and near duplicates; `exact` only exact ones), in input order, and the
 * dropped ones with the eval ids they match.
 */
export function dropContaminated<T extends ContaminationItem>(
  train: Iterable<T>,
  evalSet: Iterable<ContaminationItem>,
  options: { readonly level?: ContaminationKind } = {},
): {
  readonly kept: readonly T[];
  readonly dropped: readonly ContaminatedItem[];
} {
  const index = createContaminationIndex(evalSet);
  const level = options.level ?? "near";
  const kept: T[] = [];
  const dropped: ContaminatedItem[] = [];
  for (const item of train) {
    const kind = index.check(item);
    if (kind === undefined || (level === "exact" && kind === "near"))
      kept.push(item);
    else dropped.push({ id: item.id, kind, matches: index.matches(item) });
  }
  return { kept, dropped };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
