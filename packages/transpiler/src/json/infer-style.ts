import type { JsonNode } from "./json-node.js";
import { parsedLayoutMatches } from "./parsed-layout-matches.js";
import { compareKeys, printJson } from "./print-json.js";
import type { JsonStyle } from "./print-json.js";

/**
 * Finds a `JsonStyle` that prints `node` back to exactly `raw` (the text it was parsed from),
 * or `undefined` when no supported layout does (mixed layouts, CRLF line ends, leading
 * whitespace…), in which case the caller should keep the raw text.
 *
 * The layout is read off the text (the first line break gives the indent unit, the first
 * `:` and `,` outside strings give the separators) and then verified by printing once.
 * `sortKeys` is reported as true when every object's keys are already in sorted order and at
 * least one object has two or more keys, so edited documents can be written back the same way.
 */
export function inferJsonStyle(
  raw: string,
  node: JsonNode,
): JsonStyle | undefined {
  const style = candidateStyle(raw, node);
  return printJson(node, style) === raw ? style : undefined;
}

/**
 * `inferJsonStyle(raw, node)` for a `node` that IS `parseJson(raw)`'s value, as when a
 * document has just been read: the same answer, found without printing the document (the
 * layout is checked gap by gap in `raw` itself, see `parsedLayoutMatches`).
 */
export function inferParsedJsonStyle(
  raw: string,
  node: JsonNode,
): JsonStyle | undefined {
  const style = candidateStyle(raw, node);
  return parsedLayoutMatches(raw, style) ? style : undefined;
}

/** The only layout that can print `node` back to `raw`, read off the text. */
function candidateStyle(raw: string, node: JsonNode): JsonStyle {
  const finalNewline = raw.endsWith("\n");
  const body = finalNewline ? raw.slice(0, -1) : raw;
  const indent = indentOf(body);
  const separators = separatorsOf(body, indent !== null);
  return {
    indent,
    keySeparator: separators.key ?? ":",
    itemSeparator: separators.item ?? ",",
    sortKeys: hasSortedKeys(node),
    finalNewline,
  };
}

/** In an indented document the first line break follows the root's opening bracket. */
function indentOf(body: string): number | string | null {
  const lineBreak = body.indexOf("\n");
  if (lineBreak < 0) return null;
  let end = lineBreak + 1;
  while (body.charCodeAt(end) === 0x20 || body.charCodeAt(end) === 0x09) end++;
  const unit = body.slice(lineBreak + 1, end);
  return unit.includes("\t") ? unit : unit.length;
}

interface Separators {
  readonly key: string | undefined;
  readonly item: string | undefined;
}

/** The first key and item separators outside strings, with their surrounding whitespace. */
function separatorsOf(body: string, indented: boolean): Separators {
  let key: string | undefined;
  let item: string | undefined;
  for (
    let i = 0;
    i < body.length && (key === undefined || item === undefined);
    i++
  ) {
    const c = body.charCodeAt(i);
    if (c === 0x22) {
      i = closingQuote(body, i);
    } else if (c === 0x3a && key === undefined) {
      key = body.slice(
        whitespaceBefore(body, i),
        whitespaceAfter(body, i + 1, false),
      );
    } else if (c === 0x2c && item === undefined) {
      item = body.slice(
        whitespaceBefore(body, i),
        whitespaceAfter(body, i + 1, indented),
      );
    }
  }
  return { key, item };
}

function closingQuote(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i;
    i += c === 0x5c ? 2 : 1;
  }
  return text.length;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function whitespaceBefore(text: string, i: number): number {
  let k = i;
  while (k > 0 && isBlank(text.charCodeAt(k - 1))) k--;
  return k;
}

/** End of the blanks after `i`; an indented document's item separator stops at the line break. */
function whitespaceAfter(
  text: string,
  i: number,
  stopAtLineBreak: boolean,
): number {
  let k = i;
  while (k < text.length && isBlank(text.charCodeAt(k))) {
    if (stopAtLineBreak && text.charCodeAt(k) === 0x0a) break;
    k++;
  }
  return k;
}

function hasSortedKeys(root: JsonNode): boolean {
  let sawOrderedPair = false;
  const pending: JsonNode[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (node.kind === "array")
      for (const item of node.items) pending.push(item);
    else if (node.kind === "object") {
      let previous: string | undefined;
      for (const entry of node.entries) {
        if (previous !== undefined) {
          if (compareKeys(previous, entry.key) >= 0) return false;
          sawOrderedPair = true;
        }
        previous = entry.key;
        pending.push(entry.value);
      }
    }
  }
  return sawOrderedPair;
}
