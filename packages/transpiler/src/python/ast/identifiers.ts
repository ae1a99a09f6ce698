/** Python 3.11 hard keywords: never valid as names or attribute names. */
const KEYWORDS: ReadonlySet<string> = new Set([
  "False",
  "None",
  "True",
  "and",
  "as",
  "assert",
  "async",
  "await",
  "break",
  "class",
  "continue",
  "def",
  "del",
  "elif",
  "else",
  "except",
  "finally",
  "for",
  "from",
  "global",
  "if",
  "import",
  "in",
  "is",
  "lambda",
  "nonlocal",
  "not",
  "or",
  "pass",
  "raise",
  "return",
  "try",
  "while",
  "with",
  "yield",
]);

// ASCII only on purpose: non-ASCII identifiers are legal Python but NFKC-normalised by
// CPython, which would break exact round trips.
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function isPythonKeyword(word: string): boolean {
  return KEYWORDS.has(word);
}

/** True when `word` can be written as a bare Python name or attribute. */
export function isPlainIdentifier(word: string): boolean {
  return IDENTIFIER.test(word) && !KEYWORDS.has(word);
}
