/**
 * "Did you mean" for names a model misspelled: the closest candidates by edit distance
 * (adjacent transpositions count as one edit), with theme-style snake_case mapped to Flow's
 * camelCase first (`created_at` → `createdAt`) and case-only differences preferred. Typos
 * rarely touch the first letter, so a candidate more than one edit away must share it
 * (`totl` is not `note`); after those, abbreviations (`totl` → `totalPrice`), shortest first.
 */

/** Candidates within a few edits of `name`, best first (ties by name), at most `limit`. */
export function closestNames(
  name: string,
  candidates: Iterable<string>,
  limit = 3,
): readonly string[] {
  const camel = snakeToCamel(name);
  const lower = name.toLowerCase();
  const budget = Math.max(2, Math.floor(name.length / 3));
  const scored: { readonly name: string; readonly score: number }[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (c === name || seen.has(c)) continue;
    seen.add(c);
    let score: number;
    if (c === camel) score = 0;
    else if (
      c.toLowerCase() === lower ||
      c.toLowerCase() === camel.toLowerCase()
    )
      score = 0.5;
    else {
      const other = c.toLowerCase();
      const d = editDistance(lower, other, budget);
      if (d <= budget && (d === 1 || other.charAt(0) === lower.charAt(0)))
        score = d;
      else if (abbreviates(lower, other)) score = ABBREVIATION + c.length;
      else continue;
    }
    scored.push({ name: c, score });
  }
  scored.sort((a, b) =>
    a.score !== b.score
      ? a.score - b.score
      : a.name < b.name
        ? -1
        : a.name > b.name
          ? 1
          : 0,
  );
  return scored.slice(0, limit).map((s) => s.name);
}

/** Scores above every edit distance: abbreviations rank after all typos. */
const ABBREVIATION = 1000;

/** `totl` abbreviates `totalprice`: same first two letters, every letter in order. */
function abbreviates(short: string, long: string): boolean {
  if (short.length < 3 || short.length >= long.length) return false;
  if (!long.startsWith(short.slice(0, 2))) return false;
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/** `created_at` → `createdAt`; names without `_` between letters are returned unchanged. */
export function snakeToCamel(name: string): string {
  return name.replace(
    /([a-z0-9])_+([a-z])/g,
    (_m, a: string, b: string) => `${a}${b.toUpperCase()}`,
  );
}

/** `Did you mean a, b or c?`, or undefined without candidates. */
export function didYouMean(
  names: readonly string[],
  quote: (s: string) => string = (s) => s,
): string | undefined {
  if (names.length === 0) return undefined;
  const q = names.map(quote);
  const list =
    q.length === 1
      ? q[0]
      : `${q.slice(0, -1).join(", ")} or ${q[q.length - 1] ?? ""}`;
  return `Did you mean ${list}?`;
}

/**
 * Optimal-string-alignment distance, giving up (returning `budget + 1`) once every cell of
 * a row exceeds the budget, so comparing against a long candidate list stays cheap.
 */
export function editDistance(a: string, b: string, budget: number): number {
  if (Math.abs(a.length - b.length) > budget) return budget + 1;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + cost,
      );
      if (
        i > 1 &&
        j > 1 &&
        a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
        a.charCodeAt(i - 2) === b.charCodeAt(j - 1)
      )
        v = Math.min(v, (prevPrev[j - 2] ?? 0) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > budget) return budget + 1;
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  // The last row can end above the budget without every cell of it doing so.
  return Math.min(prev[n] ?? budget + 1, budget + 1);
}
