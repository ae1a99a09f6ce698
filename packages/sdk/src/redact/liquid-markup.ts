/** Where a `{{ … }}` output or `{% … %}` tag sits in a text: `start` at the `{`, `end` after the `}`. */
export interface MarkupRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The Liquid markup of a text. Everything outside these ranges is literal text (including
 * the bodies of `raw` and `comment` blocks, which Flow prints or drops but which still hold
 * whatever the merchant wrote). An opener that never closes is left as literal text: Liquid
 * would reject it anyway, and treating it as markup would hide the rest from redaction.
 */
export function liquidMarkup(text: string): readonly MarkupRange[] {
  const ranges: MarkupRange[] = [];
  let i = text.indexOf("{");
  while (i !== -1 && i < text.length - 1) {
    const next = text.charAt(i + 1);
    if (next === "{" || next === "%") {
      const close = text.indexOf(next === "{" ? "}}" : "%}", i + 2);
      if (close === -1) break;
      ranges.push({ start: i, end: close + 2 });
      i = text.indexOf("{", close + 2);
    } else {
      i = text.indexOf("{", i + 1);
    }
  }
  return ranges;
}

/** A character no detector matches, standing in for markup so no match spans it. */
export const MASK = "\uE000";

/** The text with every markup character replaced by `MASK` (same length, same offsets). */
export function maskMarkup(
  text: string,
  ranges: readonly MarkupRange[],
): string {
  let out = "";
  let at = 0;
  for (const r of ranges) {
    out += text.slice(at, r.start) + MASK.repeat(r.end - r.start);
    at = r.end;
  }
  return out + text.slice(at);
}
