/**
 * Whether `word` is one of the words of `text`, a word being a match of the global regex
 * `[A-Za-z_][A-Za-z0-9_]*` run over the text left to right. Finds the candidate with
 * `indexOf` instead of collecting every word of the text: the usage scan asks about a few
 * variable names in many long texts (Liquid templates, JSON bodies).
 */
export function hasWord(text: string, word: string): boolean {
  if (!WORD.test(word)) return false;
  for (
    let at = text.indexOf(word);
    at !== -1;
    at = text.indexOf(word, at + 1)
  ) {
    if (isWordChar(text.charCodeAt(at + word.length))) continue;
    // A match cannot start with a digit: digits right before `at` are skipped unless a
    // letter or `_` before them started a match that runs on through `at`.
    let start = at;
    while (isDigit(text.charCodeAt(start - 1))) start--;
    if (!isWordChar(text.charCodeAt(start - 1))) return true;
  }
  return false;
}

const WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isWordChar(c: number): boolean {
  return (
    isDigit(c) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    c === 0x5f
  );
}
