/**
 * Offsets of the UTF-16 surrogates in `text` that have no partner (a high one not followed
 * by a low one, a low one not preceded by a high one), in order, at most `limit` of them.
 * Such text cannot be encoded as UTF-8, so CPython refuses it.
 *
 * A scan instead of the equivalent regular expression: its lookbehind makes V8 try two
 * alternatives at every character, a millisecond per 100 KB of two-byte text, paid on
 * every parse of model output that holds an emoji or any other astral character.
 */
export function loneSurrogates(
  text: string,
  limit = Number.POSITIVE_INFINITY,
): number[] {
  const found: number[] = [];
  // Created per call: a regular expression with the `g` flag carries state (`lastIndex`).
  const surrogate = /[\ud800-\udfff]/g;
  while (found.length < limit) {
    const match = surrogate.exec(text);
    if (match === null) break;
    const at = match.index;
    const next = text.charCodeAt(at + 1);
    // A low surrogate reached here has no high one before it: pairs are skipped whole.
    if (text.charCodeAt(at) <= 0xdbff && next >= 0xdc00 && next <= 0xdfff)
      surrogate.lastIndex = at + 2;
    else found.push(at);
  }
  return found;
}
