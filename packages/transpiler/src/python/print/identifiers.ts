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
  if (!IDENTIFIER.test(name) || KEYWORDS.has(name) || name.normalize("NFKC") !== name) {
    throw new InternalError(`not a Python identifier: ${JSON.stringify(name)}`);
  }
  return name;
}
