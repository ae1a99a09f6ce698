/**
 * Text into HTML (and inline SVG, which the HTML parser reads the same way). Every string that
 * comes from data passes through here; data never reaches a `<script>` or `<style>` element.
 * Control characters and lone surrogates become numeric references, so the output is always
 * valid UTF-8 and a stray NUL shows as a replacement character rather than vanishing.
 */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']|[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    (c) => named[c] ?? `&#x${c.charCodeAt(0).toString(16).toUpperCase()};`,
  );
}

const named: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * At most `max` code points of `text`, with an ellipsis when cut: chart labels have a fixed
 * column, and the full text stays in the element's `<title>` and in the data table.
 */
export function truncate(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max
    ? text
    : `${points.slice(0, Math.max(1, max - 1)).join("")}…`;
}
