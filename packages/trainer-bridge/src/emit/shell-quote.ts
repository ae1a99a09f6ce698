const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * Quotes one word for bash so it is passed through literally (no expansion, no splitting).
 * Words made only of characters bash never treats specially stay bare, which keeps emitted
 * scripts readable.
 */
export function shellQuote(word: string): string {
  if (SAFE.test(word)) return word;
  return `'${word.replaceAll("'", `'"'"'`)}'`;
}
