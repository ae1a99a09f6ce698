/**
 * A text whose byte order (DuckDB's for VARCHAR) is the UTF-16 code-unit order of `text`
 * (JavaScript's `<`): four hex digits per code unit. UTF-8 bytes order by code point, which
 * differs from code units for characters beyond U+FFFF, so a sort moved from JavaScript
 * into the store sorts by this key to keep its order.
 */
export function codeUnitKey(text: string): string {
  let key = "";
  for (let i = 0; i < text.length; i++)
    key += text.charCodeAt(i).toString(16).padStart(4, "0");
  return key;
}
