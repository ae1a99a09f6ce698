/**
 * A memory for values that are costly to compute and cheap to compute again: at most
 * `2 × maxEntries` entries in two generations. Entries go into the newer one; when it is
 * full it becomes the older one and the previous older one is dropped, and an entry found in
 * the older one moves back into the newer. Recently used entries therefore survive and
 * memory stays flat however many keys pass through, at the price of one map lookup per hit
 * (no per-hit reordering, unlike a strict least-recently-used list). Forgetting an entry
 * only costs speed.
 */
export interface BoundedCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
}

export function boundedCache<K, V>(maxEntries: number): BoundedCache<K, V> {
  let newer = new Map<K, V>();
  let older = new Map<K, V>();
  const set = (key: K, value: V): void => {
    if (maxEntries < 1) return;
    if (newer.size >= maxEntries) {
      older = newer;
      newer = new Map();
    }
    newer.set(key, value);
  };
  return {
    get: (key) => {
      const hit = newer.get(key);
      if (hit !== undefined) return hit;
      const old = older.get(key);
      if (old !== undefined) set(key, old);
      return old;
    },
    set,
  };
}
