/** What a `datasets` (Arrow) JSON loader would make of rows: one type per column. */

/** The column type Arrow would infer for a JSON value, as a string. */
export function arrowType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) {
    const items = [...new Set(v.map(arrowType))].filter((t) => t !== "null");
    if (items.length > 1) return `list<CONFLICT ${items.join(" / ")}>`;
    return `list<${items[0] ?? "null"}>`;
  }
  if (typeof v === "object") return "struct";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "double";
  return typeof v;
}

/** Unifies struct fields across values like a JSON loader: a key may be absent, never of two types. */
export function unifyColumns(
  values: readonly unknown[],
  path: string,
  out: Map<string, Set<string>>,
): void {
  for (const v of values) {
    const t = arrowType(v);
    out.set(path, (out.get(path) ?? new Set()).add(t));
    if (Array.isArray(v)) unifyColumns(v, `${path}[]`, out);
    else if (typeof v === "object" && v !== null)
      for (const [k, child] of Object.entries(v))
        unifyColumns([child], `${path}.${k}`, out);
  }
}

/** Columns whose values have more than one type, plus every column's types. */
export function columnConflicts(values: readonly unknown[]): {
  readonly conflicts: readonly [string, ReadonlySet<string>][];
  readonly columns: ReadonlyMap<string, ReadonlySet<string>>;
} {
  const columns = new Map<string, Set<string>>();
  unifyColumns(values, "$", columns);
  // Null and the element type of empty lists unify with any other type, as in Arrow.
  const conflicts = [...columns].filter(([, types]) => {
    const typed = [...types].filter((t) => t !== "null" && t !== "list<null>");
    return typed.length > 1 || typed.some((t) => t.includes("CONFLICT"));
  });
  return { conflicts, columns };
}
