/** Disjoint sets over dense integer nodes `0..count-1` (path compression, union by size). */
export interface UnionFind {
  /** Adds a node in a set of its own and returns its number. */
  readonly add: () => number;
  readonly find: (node: number) => number;
  readonly union: (a: number, b: number) => void;
  readonly count: () => number;
}

export function createUnionFind(): UnionFind {
  let parent = new Int32Array(1024);
  let weight = new Int32Array(1024);
  let count = 0;
  const find = (node: number): number => {
    let root = node;
    while (parent[root] !== root) root = parent[root] ?? root;
    for (let at = node; at !== root;) {
      const next = parent[at] ?? root;
      parent[at] = root;
      at = next;
    }
    return root;
  };
  return {
    add: () => {
      if (count === parent.length) {
        parent = grow(parent);
        weight = grow(weight);
      }
      parent[count] = count;
      weight[count] = 1;
      return count++;
    },
    find,
    union: (a, b) => {
      const ra = find(a);
      const rb = find(b);
      if (ra === rb) return;
      const wa = weight[ra] ?? 1;
      const wb = weight[rb] ?? 1;
      const [small, large] = wa < wb ? [ra, rb] : [rb, ra];
      parent[small] = large;
      weight[large] = wa + wb;
    },
    count: () => count,
  };
}

/** A typed array twice as long with the same first elements. */
export function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}
