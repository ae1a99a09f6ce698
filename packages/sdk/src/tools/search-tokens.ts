/**
 * Deterministic word tokens for the tools' search: NFKD with marks removed, camelCase and
 * digits split (`lineItems` → line, item), lower case, stop words dropped, a light
 * suffix stemmer so `tags`/`tag`, `orders`/`ordered` meet. No locale-dependent calls, so
 * the same text gives the same tokens on every machine.
 */
export function searchTokens(text: string): readonly string[] {
  const words = text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  const out: string[] = [];
  for (const word of words) {
    if (word === "" || stopWords.has(word)) continue;
    out.push(stem(word));
  }
  return out;
}

const stopWords: ReadonlySet<string> = new Set(
  (
    "a an and are as at be by for from has have if in into is it its of on or " +
    "that the their then this to was when which while will with you your"
  ).split(" "),
);

function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("sses")) return word.slice(0, -2);
  if (word.endsWith("ing") && word.length > 5) return word.slice(0, -3);
  if (word.endsWith("ed") && word.length > 4 && !word.endsWith("eed"))
    return word.slice(0, -2);
  if (word.endsWith("es") && /(?:ch|sh|x|ss|zz)es$/.test(word))
    return word.slice(0, -2);
  if (word.endsWith("s") && !/(?:ss|us|is)$/.test(word))
    return word.slice(0, -1);
  return word;
}
