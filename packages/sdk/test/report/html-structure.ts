/**
 * A strict reading of the renderer's own output, independent of its escaping code: since data
 * can never put a raw `<`, `>` or `"` into the page, every `<` starts one of the renderer's
 * tags and every attribute value is a double-quoted run without quotes. Anything else found
 * here is an injection (or a renderer bug), which is exactly what the tests look for.
 */

export const allowedTags: ReadonlySet<string> = new Set(
  "html head meta title style body header main section nav footer p h1 h2 h3 dl dt dd div ol ul li a span strong code bdi details summary table caption thead tbody tr th td button svg desc g text tspan line rect path script".split(
    " ",
  ),
);

export const allowedAttributes: ReadonlySet<string> = new Set(
  "lang charset name content http-equiv class id role dir href scope type data-kind data-sort aria-labelledby aria-label aria-hidden viewBox width height x y x1 x2 y1 y2 d text-anchor fill-opacity".split(
    " ",
  ),
);

export interface Tag {
  readonly name: string;
  readonly closing: boolean;
  readonly attributes: readonly (readonly [string, string])[];
}

/** The page without the contents of its (single) style and script elements. */
export function withoutRawText(html: string): string {
  return html.replace(/<(style|script)>[^]*?<\/\1>/g, "<$1></$1>");
}

/** Every tag of the page, or a description of the first thing that is not a clean tag. */
export function readTags(html: string): readonly Tag[] | string {
  const text = withoutRawText(html).replace(/^<!DOCTYPE html>\n/, "");
  const tags: Tag[] = [];
  let at = 0;
  for (;;) {
    const open = text.indexOf("<", at);
    if (open < 0) break;
    const close = text.indexOf(">", open);
    if (close < 0) return `unclosed tag at ${open}`;
    const inner = text.slice(open + 1, close);
    const m =
      /^(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s[a-zA-Z][a-zA-Z0-9:-]*="[^"<>]*")*)\/?$/.exec(
        inner,
      );
    if (m === null) return `not a clean tag: <${inner.slice(0, 80)}>`;
    const attributes = [
      ...(m[3] ?? "").matchAll(/\s([a-zA-Z][a-zA-Z0-9:-]*)="([^"]*)"/g),
    ].map((a) => [a[1] ?? "", a[2] ?? ""] as const);
    tags.push({ name: m[2] ?? "", closing: m[1] === "/", attributes });
    at = close + 1;
  }
  return tags;
}

const entities: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  "#39": "'",
};

/** The page's text as a reader sees it (tags removed, references decoded). */
export function visibleText(html: string): string {
  return withoutRawText(html)
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9A-F]+|amp|lt|gt|quot|#39);/g, (_, e: string) =>
      e.startsWith("#x")
        ? String.fromCharCode(Number.parseInt(e.slice(2), 16))
        : (entities[e] ?? ""),
    );
}
