/** Okapi BM25 over pre-tokenised documents; `k1` and `b` are the usual defaults. */
export interface Bm25Index {
  /** One score per document, in document order; 0 when no query token occurs in it. */
  score(queryTokens: readonly string[]): readonly number[];
}

const k1 = 1.2;
const b = 0.75;

export function createBm25Index(
  documents: readonly (readonly string[])[],
): Bm25Index {
  const n = documents.length;
  const lengths = documents.map((d) => d.length);
  const averageLength = n === 0 ? 0 : lengths.reduce((s, l) => s + l, 0) / n;
  const termCounts = documents.map((doc) => {
    const counts = new Map<string, number>();
    for (const t of doc) counts.set(t, (counts.get(t) ?? 0) + 1);
    return counts;
  });
  const documentFrequency = new Map<string, number>();
  for (const counts of termCounts)
    for (const t of counts.keys())
      documentFrequency.set(t, (documentFrequency.get(t) ?? 0) + 1);

  return {
    score(queryTokens) {
      // A repeated query word counts once: agents repeat words across phrasings, not for weight.
      const unique = [...new Set(queryTokens)];
      return termCounts.map((counts, i) => {
        let total = 0;
        for (const t of unique) {
          const tf = counts.get(t) ?? 0;
          if (tf === 0) continue;
          const df = documentFrequency.get(t) ?? 0;
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          const norm = 1 - b + (b * (lengths[i] ?? 0)) / (averageLength || 1);
          total += (idf * tf * (k1 + 1)) / (tf + k1 * norm);
        }
        return total;
      });
    },
  };
}
