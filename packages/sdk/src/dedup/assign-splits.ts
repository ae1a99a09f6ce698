import type { Diagnostic } from "@flowpy/transpiler";
import { sdkCodes } from "../sdk-codes.js";
import { createUnionFind, grow } from "./union-find.js";

export type Split = "train" | "eval" | "test";
/** The splits in their fixed order (reports, ties). */
export const splitNames: readonly Split[] = ["train", "eval", "test"];

export interface SplitItem {
  readonly id: string;
  readonly merchant: string;
  readonly fingerprint: string;
  /**
   * How many items this entry stands for, all with its merchant and fingerprint (1 when
   * absent): a caller with many items per pair can pass one entry per pair.
   */
  readonly weight?: number;
}

export interface SplitOptions {
  readonly seed: number;
  /** Relative sizes; they are divided by their sum. */
  readonly ratios: Readonly<Record<Split, number>>;
}

/** A group of items tied together by shared merchants or fingerprints; it is never split. */
export interface SplitComponent {
  /** The smallest merchant id in the group, which names it. */
  readonly merchant: string;
  readonly items: number;
  readonly merchants: number;
  readonly fingerprints: number;
  readonly split: Split;
  /** Larger than the whole target of every split but train, so it had to go to train. */
  readonly oversized: boolean;
}

export interface SplitShare {
  readonly items: number;
  readonly components: number;
  readonly merchants: number;
  readonly fingerprints: number;
  /** The target share of the items (the ratio divided by the sum of ratios). */
  readonly target: number;
  readonly achieved: number;
}

export interface SplitReport {
  readonly items: number;
  readonly merchants: number;
  readonly fingerprints: number;
  readonly components: number;
  readonly perSplit: Readonly<Record<Split, SplitShare>>;
  /** The ten largest components, largest first. */
  readonly largestComponents: readonly SplitComponent[];
  /** The largest |achieved − target| over the splits. */
  readonly maxDeviation: number;
  /**
   * The guaranteed bound on `maxDeviation`: max(k × m, o) / items, where k is the number of
   * splits other than train with a share, m the size of the smallest component that fitted
   * in no split's free room and so went to train (0 when none), and o the items by which
   * oversized components overfilled train. Only train ends above its target; the others
   * end at most m items below theirs (or o when m is 0).
   */
  readonly tolerance: number;
  /** Merchants and fingerprints whose items landed in more than one split: always zero. */
  readonly straddling: {
    readonly merchants: number;
    readonly fingerprints: number;
  };
  readonly duplicateIds: number;
  readonly diagnostics: readonly Diagnostic[];
  /** Plain-language explanations of why the achieved ratios differ from the targets. */
  readonly notes: readonly string[];
}

export interface SplitAssignment {
  /** The split of an item given to `assignSplits`, or undefined for an id it never saw. */
  readonly split: (id: string) => Split | undefined;
  /**
   * The split of any item, also one not given to `assignSplits` (a record that arrives
   * later): its merchant's split, else its fingerprint's; undefined when both are new. A new
   * item whose merchant and fingerprint sit in different splits gets its merchant's, so its
   * fingerprint then straddles; re-run `assignSplits` with it to avoid that.
   */
  readonly splitOf: (
    item: Pick<SplitItem, "merchant" | "fingerprint">,
  ) => Split | undefined;
  readonly report: SplitReport;
}

const LARGEST_COMPONENTS = 10;

/**
 * Train/eval/test splits grouped by merchant and by structural fingerprint: merchants and
 * fingerprints are the nodes of a graph, each item an edge between its merchant and its
 * fingerprint, and each connected component (union-find) goes whole into one split. So no
 * merchant and no near-duplicate ever straddles two splits.
 *
 * Components are placed largest first, equal sizes in an order given by a seeded hash of
 * their name (their smallest merchant id), each into the split that has the largest part of
 * its target still free among those it fits in; one that fits nowhere goes to train. The
 * result depends only on the set of items and the options, never on their order. Filling by
 * the free part of each target keeps component sizes spread alike over the splits instead
 * of leaving eval and test only singletons. See `SplitReport.tolerance` for the bound on
 * the achieved ratios; a giant component (many merchants sharing one common workflow) is
 * reported as oversized with the deviation it causes.
 *
 * State is O(distinct merchants + fingerprints) (name maps, union-find, components), plus
 * per item one id-index entry (the caller's id string, so that `split(id)` can answer) and
 * 12 bytes of node numbers and weight for the straddle check (per entry: one weighted entry
 * per merchant and fingerprint pair keeps it O(pairs)); the items themselves are not kept. The
 * iterable is read once. The seed is used as a 32-bit integer.
 */
export function assignSplits(
  items: Iterable<SplitItem>,
  options: SplitOptions,
): SplitAssignment {
  const diagnostics: Diagnostic[] = [];
  const targets = targetShares(options.ratios, diagnostics);

  // Merchants and fingerprints are the nodes (one index space), items the edges.
  const sets = createUnionFind();
  const node = (names: Map<string, number>, name: string): number => {
    let index = names.get(name);
    if (index === undefined) {
      index = sets.add();
      names.set(name, index);
    }
    return index;
  };
  const { find, union } = sets;

  const merchantNodes = new Map<string, number>();
  const fingerprintNodes = new Map<string, number>();
  const idNodes = new Map<string, number>();
  let itemMerchant = new Int32Array(1024);
  let itemFingerprint = new Int32Array(1024);
  let itemWeight = new Int32Array(1024);
  // Entries given, and the items they stand for.
  let entries = 0;
  let count = 0;
  let duplicateIds = 0;
  let firstDuplicateId: string | undefined;
  for (const item of items) {
    const m = node(merchantNodes, item.merchant);
    const f = node(fingerprintNodes, item.fingerprint);
    union(m, f);
    const earlier = idNodes.get(item.id);
    if (earlier === undefined) idNodes.set(item.id, m);
    else {
      // One id, one split: its occurrences are tied together.
      union(earlier, m);
      duplicateIds++;
      firstDuplicateId ??= item.id;
    }
    if (entries === itemMerchant.length) {
      itemMerchant = grow(itemMerchant);
      itemFingerprint = grow(itemFingerprint);
      itemWeight = grow(itemWeight);
    }
    const weight = item.weight ?? 1;
    itemMerchant[entries] = m;
    itemFingerprint[entries] = f;
    itemWeight[entries] = weight;
    entries++;
    count += weight;
  }
  if (firstDuplicateId !== undefined)
    diagnostics.push({
      code: sdkCodes.splitDuplicateId,
      severity: "warning",
      message: `${duplicateIds} item(s) repeat an earlier id (first: ${JSON.stringify(firstDuplicateId)}); each id's items share one split`,
    });

  // Components: stats per union-find root.
  interface Building {
    merchant: string;
    items: number;
    merchants: number;
    fingerprints: number;
  }
  const componentOfRoot = new Map<number, Building>();
  const componentAt = (root: number, name: string): Building => {
    let c = componentOfRoot.get(root);
    if (c === undefined) {
      c = { merchant: name, items: 0, merchants: 0, fingerprints: 0 };
      componentOfRoot.set(root, c);
    }
    return c;
  };
  for (const [name, index] of merchantNodes) {
    const c = componentAt(find(index), name);
    c.merchants++;
    if (name < c.merchant) c.merchant = name;
  }
  for (const index of fingerprintNodes.values())
    componentAt(find(index), "").fingerprints++;
  for (let i = 0; i < entries; i++)
    componentAt(find(itemMerchant[i] ?? 0), "").items += itemWeight[i] ?? 1;

  const roots = [...componentOfRoot.keys()];
  const hashes = new Map<number, number>();
  for (const root of roots)
    hashes.set(
      root,
      seededHash(options.seed, componentOfRoot.get(root)?.merchant ?? ""),
    );
  roots.sort((a, b) => {
    const ca = componentOfRoot.get(a);
    const cb = componentOfRoot.get(b);
    if (ca === undefined || cb === undefined) return 0;
    if (ca.items !== cb.items) return cb.items - ca.items;
    const ha = hashes.get(a) ?? 0;
    const hb = hashes.get(b) ?? 0;
    if (ha !== hb) return ha - hb;
    return ca.merchant < cb.merchant ? -1 : ca.merchant > cb.merchant ? 1 : 0;
  });

  const placement = placeComponents(
    roots.map((root) => componentOfRoot.get(root)?.items ?? 0),
    targets,
    count,
  );
  const splitOfRoot = new Map<number, number>();
  const oversizedRoots = new Set<number>();
  roots.forEach((root, i) => {
    splitOfRoot.set(root, placement.splits[i] ?? 0);
    if (placement.oversized[i] === 1) oversizedRoots.add(root);
  });
  const { smallestFallback, overflow, othersWithShare } = placement;

  // Straddle check, item by item through both of its nodes (merchant and fingerprint
  // nodes share one index space, so one table of first-seen splits serves both).
  const firstSplit = new Int8Array(sets.count()).fill(-1);
  const straddlingMerchants = new Set<number>();
  const straddlingFingerprints = new Set<number>();
  const differs = (index: number, s: number): boolean => {
    const before = firstSplit[index] ?? -1;
    if (before === -1) firstSplit[index] = s;
    return before !== -1 && before !== s;
  };
  for (let i = 0; i < entries; i++) {
    const m = itemMerchant[i] ?? 0;
    const f = itemFingerprint[i] ?? 0;
    const sm = splitOfRoot.get(find(m)) ?? -1;
    const sf = splitOfRoot.get(find(f)) ?? -1;
    if (differs(m, sm) || sm !== sf) straddlingMerchants.add(m);
    if (differs(f, sf) || sm !== sf) straddlingFingerprints.add(f);
  }

  const perSplitBuilding = splitNames.map(() => ({
    items: 0,
    components: 0,
    merchants: 0,
    fingerprints: 0,
  }));
  for (const [root, c] of componentOfRoot) {
    const share = perSplitBuilding[splitOfRoot.get(root) ?? 0];
    if (share === undefined) continue;
    share.items += c.items;
    share.components++;
    share.merchants += c.merchants;
    share.fingerprints += c.fingerprints;
  }
  const perSplit = Object.fromEntries(
    splitNames.map((s, i) => {
      const b = perSplitBuilding[i] ?? {
        items: 0,
        components: 0,
        merchants: 0,
        fingerprints: 0,
      };
      return [
        s,
        {
          ...b,
          target: targets[s],
          achieved: count === 0 ? 0 : b.items / count,
        },
      ];
    }),
  ) as Record<Split, SplitShare>;
  const maxDeviation =
    count === 0
      ? 0
      : Math.max(
          ...splitNames.map((s) =>
            Math.abs(perSplit[s].achieved - perSplit[s].target),
          ),
        );
  const tolerance =
    count === 0
      ? 0
      : Math.max(othersWithShare * smallestFallback, overflow) / count;

  const describe = (root: number): SplitComponent => {
    const c = componentOfRoot.get(root) ?? {
      merchant: "",
      items: 0,
      merchants: 0,
      fingerprints: 0,
    };
    return {
      merchant: c.merchant,
      items: c.items,
      merchants: c.merchants,
      fingerprints: c.fingerprints,
      split: splitNames[splitOfRoot.get(root) ?? 0] ?? "train",
      oversized: oversizedRoots.has(root),
    };
  };
  const largestComponents = roots.slice(0, LARGEST_COMPONENTS).map(describe);
  const notes: string[] = [];
  for (const root of oversizedRoots) {
    const c = describe(root);
    const text = `a component of ${c.items} items (${percent(c.items / count)} of all; ${c.merchants} merchants, ${c.fingerprints} fingerprints, named by merchant ${JSON.stringify(c.merchant)}) is larger than the whole target of every other split, so it went to train`;
    notes.push(text);
    diagnostics.push({
      code: sdkCodes.splitOversizedComponent,
      severity: "warning",
      message: text,
      hint: "Many merchants share this workflow shape; the achieved ratios move by its size.",
    });
  }
  if (count > 0)
    notes.push(
      `achieved ratios ${splitNames.map((s) => `${s} ${percent(perSplit[s].achieved)}`).join(", ")} for targets ${splitNames.map((s) => `${s} ${percent(targets[s])}`).join(", ")}: largest deviation ${percent(maxDeviation)}, within the bound ${percent(tolerance)} (components are never cut, and a component that fits in no split's free room goes to train; the smallest such had ${smallestFallback} item(s))`,
    );

  const splitOfNode = (index: number | undefined): Split | undefined =>
    index === undefined
      ? undefined
      : splitNames[splitOfRoot.get(find(index)) ?? 0];
  return {
    split: (id) => splitOfNode(idNodes.get(id)),
    splitOf: (item) =>
      splitOfNode(
        merchantNodes.get(item.merchant) ??
          fingerprintNodes.get(item.fingerprint),
      ),
    report: {
      items: count,
      merchants: merchantNodes.size,
      fingerprints: fingerprintNodes.size,
      components: componentOfRoot.size,
      perSplit,
      largestComponents,
      maxDeviation,
      tolerance,
      straddling: {
        merchants: straddlingMerchants.size,
        fingerprints: straddlingFingerprints.size,
      },
      duplicateIds,
      diagnostics,
      notes,
    },
  };
}

interface Placement {
  /** Per component, in the order given: the index of its split in `splitNames`. */
  readonly splits: Int8Array;
  /** Per component: 1 when it is larger than every other split's whole target. */
  readonly oversized: Uint8Array;
  readonly smallestFallback: number;
  readonly overflow: number;
  readonly othersWithShare: number;
}

/**
 * Greedy fill, components in the given order (largest first): each goes to the split with
 * the largest part of its target still free among those it fits in, else to train.
 */
function placeComponents(
  sizes: readonly number[],
  targets: Readonly<Record<Split, number>>,
  count: number,
): Placement {
  const room = splitNames.map((s) => targets[s] * count);
  const filled = splitNames.map(() => 0);
  const splits = new Int8Array(sizes.length);
  const oversized = new Uint8Array(sizes.length);
  // Slack for float rounding of target × count.
  const epsilon = 1e-9 * Math.max(1, count);
  // A component above every other split's whole target fits none of them even when empty
  // (the giant case), as opposed to one that arrived when they were full. With no other
  // split to fill, nothing is oversized.
  const others = room.slice(1).filter((r) => r > 0);
  const largestOther = others.length === 0 ? Infinity : Math.max(...others);
  let smallestFallback = 0;
  let overflow = 0;
  sizes.forEach((size, i) => {
    let best = -1;
    if (size > largestOther + epsilon) {
      oversized[i] = 1;
      best = 0;
      overflow += Math.max(
        0,
        size - Math.max(0, (room[0] ?? 0) - (filled[0] ?? 0)),
      );
    } else {
      let bestFree = -Infinity;
      room.forEach((target, s) => {
        const free = target - (filled[s] ?? 0);
        if (target <= 0 || size > free + epsilon || free / target <= bestFree)
          return;
        best = s;
        bestFree = free / target;
      });
      if (best === -1) {
        best = 0;
        if (smallestFallback === 0 || size < smallestFallback)
          smallestFallback = size;
      }
    }
    splits[i] = best;
    filled[best] = (filled[best] ?? 0) + size;
  });
  return {
    splits,
    oversized,
    smallestFallback,
    overflow,
    othersWithShare: others.length,
  };
}

function targetShares(
  ratios: Readonly<Record<Split, number>>,
  diagnostics: Diagnostic[],
): Readonly<Record<Split, number>> {
  const values = splitNames.map((s) => ratios[s]);
  const sum = values.reduce((a, b) => a + b, 0);
  if (
    values.some((v) => typeof v !== "number" || !Number.isFinite(v) || v < 0) ||
    !(sum > 0) ||
    !Number.isFinite(sum)
  ) {
    diagnostics.push({
      code: sdkCodes.splitInvalidRatios,
      severity: "error",
      message: `split ratios must be finite, not negative and not all zero; got ${splitNames.map((s) => `${s}=${String(ratios[s])}`).join(", ")}`,
      hint: "Every item went to train; give ratios such as { train: 0.8, eval: 0.1, test: 0.1 }.",
    });
    return { train: 1, eval: 0, test: 0 };
  }
  return {
    train: ratios.train / sum,
    eval: ratios.eval / sum,
    test: ratios.test / sum,
  };
}

/** A seeded 32-bit string hash (FNV-1a, then a murmur finalizer) for the tie order. */
function seededHash(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function percent(x: number): string {
  return `${(x * 100).toFixed(2)}%`;
}
