import { InternalError } from "../../diagnostics/errors.js";

const KEYWORDS: ReadonlySet<string> = new Set(
  (
    "False None True and as assert async await break class continue def del elif else except " +
    "finally for from global if import in is lambda nonlocal not or pass raise return try while with yield"
  ).split(" "),
);

const IDENTIFIER = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;

/**
 * Names come from dialects that are meant to produce valid ones, so a bad name is a broken
 * invariant. NFKC matters: Python normalizes identifiers, so `ﬁle` would read back as `file`.
 */
export function checkIdentifier(name: string): string {
  const valid =
    isAsciiIdentifier(name) ||
    (IDENTIFIER.test(name) && name.normalize("NFKC") === name);
  if (!valid || KEYWORDS.has(name))
    throw new InternalError(`not a Python identifier: ${JSON.stringify(name)}`);
  return name;
}

/** `[A-Za-z_][A-Za-z0-9_]*`: the common case, which the Unicode rules and NFKC leave alone. */
function isAsciiIdentifier(name: string): boolean {
  if (name.length === 0) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const letter =
      (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
    if (!letter && !(i > 0 && c >= 0x30 && c <= 0x39)) return false;
  }
  return true;
}
