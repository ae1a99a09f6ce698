import type { Catalog } from "@flowpy/transpiler";
import { searchTokens } from "./search-tokens.js";
import type { PathCategory } from "./tool-set-definition.js";

/** One path of the environment below a root type, e.g. `order.lineItems.quantity`. */
export interface EnvironmentPath {
  /** With the root variable: `order.customer.email`. */
  readonly path: string;
  /** The segments after the root: `["customer", "email"]`. */
  readonly segments: readonly string[];
  readonly category: PathCategory;
  /** The leaf's type; for a LIST, the item type. */
  readonly type: string;
  readonly tokens: ReadonlySet<string>;
}

export interface EnvironmentPathIndex {
  /** Root types that can be searched, in catalog order. */
  readonly rootTypes: readonly string[];
  /** The variable a root type's paths start with (`Order` → `order`). */
  rootVariable(rootType: string): string | undefined;
  /** Every path under a root type, shallow first; undefined for an unknown type. */
  paths(rootType: string): readonly EnvironmentPath[] | undefined;
  /**
   * Paths under `rootType` matching `term`: a dotted term (`customer.email`, optionally with
   * the root variable first) selects that path and the paths under it; words are matched
   * against the path's segment words, best first (more words matched, the last segment
   * matched, fewer other words, shallower, alphabetical); an empty term lists the root's
   * own fields.
   */
  search(
    rootType: string,
    term: string,
    options: { readonly listsOnly: boolean; readonly limit: number },
  ): readonly EnvironmentPath[] | undefined;
}

export function createEnvironmentPathIndex(
  catalog: Catalog,
  depth: number,
): EnvironmentPathIndex {
  const types = catalog.environment.types;
  // Types named like identifiers only: `Metafield (patched)` is a note, not a root.
  const rootTypes = Object.keys(types).filter((t) =>
    /^[A-Z][A-Za-z0-9]*$/.test(t),
  );
  const variableOf = (rootType: string): string =>
    types[rootType]?.root_variable ??
    `${rootType.charAt(0).toLowerCase()}${rootType.slice(1)}`;
  // Paths of a root are enumerated on first use and never change afterwards, so sharing
  // this index between calls and conversations is safe.
  const built = new Map<string, readonly EnvironmentPath[]>();
  // Field names repeat across thousands of paths; tokenise each name once.
  const tokenCache = new Map<string, readonly string[]>();
  const segmentTokens = (segment: string): readonly string[] => {
    let tokens = tokenCache.get(segment);
    if (tokens === undefined) {
      tokens = searchTokens(segment);
      tokenCache.set(segment, tokens);
    }
    return tokens;
  };

  const enumerate = (rootType: string): readonly EnvironmentPath[] => {
    const out: EnvironmentPath[] = [];
    const root = variableOf(rootType);
    // Breadth-first so results are shallow first; a type already on the path is not
    // entered again (Order → customer → lastOrder → customer … would never end).
    let frontier: {
      readonly type: string;
      readonly segments: readonly string[];
      readonly lists: number;
      readonly seen: readonly string[];
    }[] = [{ type: rootType, segments: [], lists: 0, seen: [rootType] }];
    for (let level = 0; level < depth && frontier.length > 0; level++) {
      const next: typeof frontier = [];
      for (const node of frontier) {
        for (const field of types[node.type]?.fields ?? []) {
          const segments = [...node.segments, field.name];
          const lists = node.lists + (field.is_list ? 1 : 0);
          const isObject = types[field.type] !== undefined;
          const category: PathCategory | undefined =
            lists >= 2
              ? "ALL"
              : isObject
                ? field.is_list
                  ? "LIST"
                  : undefined
                : lists === 1
                  ? "SCALAR_IN_LIST"
                  : "SCALAR";
          if (category !== undefined)
            out.push({
              path: [root, ...segments].join("."),
              segments,
              category,
              type: field.type,
              tokens: new Set(segments.flatMap(segmentTokens)),
            });
          if (isObject && !node.seen.includes(field.type))
            next.push({
              type: field.type,
              segments,
              lists,
              seen: [...node.seen, field.type],
            });
        }
      }
      frontier = next;
    }
    return out;
  };

  const paths = (rootType: string): readonly EnvironmentPath[] | undefined => {
    if (!rootTypes.includes(rootType)) return undefined;
    let list = built.get(rootType);
    if (list === undefined) {
      list = enumerate(rootType);
      built.set(rootType, list);
    }
    return list;
  };

  return {
    rootTypes,
    rootVariable: (rootType) =>
      rootTypes.includes(rootType) ? variableOf(rootType) : undefined,
    paths,
    search(rootType, term, { listsOnly, limit }) {
      const all = paths(rootType);
      if (all === undefined) return undefined;
      const pool = listsOnly ? all.filter((p) => p.category === "LIST") : all;
      const trimmed = term.trim();
      if (trimmed === "")
        return pool.filter((p) => p.segments.length === 1).slice(0, limit);
      if (trimmed.includes(".") && !/\s/.test(trimmed)) {
        const root = variableOf(rootType);
        const bare = trimmed.replace(/\.$/, "");
        const relative = bare.startsWith(`${root}.`)
          ? bare.slice(root.length + 1)
          : bare;
        return pool
          .filter((p) => {
            const text = p.segments.join(".");
            return text === relative || text.startsWith(`${relative}.`);
          })
          .slice(0, limit);
      }
      const words = [...new Set(searchTokens(trimmed))];
      return pool
        .map((p) => {
          const matched = words.filter((w) => p.tokens.has(w)).length;
          const last = segmentTokens(p.segments.at(-1) ?? "");
          return {
            p,
            matched,
            lastMatched: last.some((w) => words.includes(w)) ? 1 : 0,
            // Words of the path the query did not ask for: `line items` fits
            // `lineItems` better than `currentSubtotalLineItemsQuantity`.
            extra: p.tokens.size - matched,
          };
        })
        .filter((h) => h.matched > 0)
        .sort(
          (a, b) =>
            b.matched - a.matched ||
            b.lastMatched - a.lastMatched ||
            a.extra - b.extra ||
            a.p.segments.length - b.p.segments.length ||
            (a.p.path < b.p.path ? -1 : a.p.path > b.p.path ? 1 : 0),
        )
        .slice(0, limit)
        .map((h) => h.p);
    },
  };
}
