/** Keeps the `capacity` items with the smallest keys seen so far (a max-heap on the key). */
export interface SmallestKeys<T> {
  offer(key: string, item: T): void;
  /** The kept items, smallest key first. */
  items(): readonly { readonly key: string; readonly item: T }[];
  readonly size: () => number;
  /** The largest kept key once full, else undefined: anything above it is not kept. */
  readonly bound: () => string | undefined;
}

export function smallestKeys<T>(capacity: number): SmallestKeys<T> {
  const heap: { key: string; item: T }[] = [];
  const swap = (a: number, b: number): void => {
    const x = heap[a];
    const y = heap[b];
    if (x === undefined || y === undefined) return;
    heap[a] = y;
    heap[b] = x;
  };
  const keyAt = (i: number): string => heap[i]?.key ?? "";
  const up = (start: number): void => {
    for (let i = start; i > 0;) {
      const parent = (i - 1) >> 1;
      if (keyAt(parent) >= keyAt(i)) return;
      swap(parent, i);
      i = parent;
    }
  };
  const down = (start: number): void => {
    for (let i = start; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && keyAt(l) > keyAt(top)) top = l;
      if (r < heap.length && keyAt(r) > keyAt(top)) top = r;
      if (top === i) return;
      swap(i, top);
      i = top;
    }
  };
  return {
    offer(key, item) {
      if (capacity <= 0) return;
      if (heap.length < capacity) {
        heap.push({ key, item });
        up(heap.length - 1);
      } else if (key < keyAt(0)) {
        heap[0] = { key, item };
        down(0);
      }
    },
    items: () =>
      [...heap].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    size: () => heap.length,
    bound: () => (heap.length >= capacity ? heap[0]?.key : undefined),
  };
}
