import { InternalError } from "@flowpy/transpiler";
import {
  isRequestStyle,
  requestLengthBounds,
  requestStyles,
  type RequestStyle,
} from "./request-style.js";

/** A request text paired with its style, before provenance is attached. */
export interface StyledText {
  readonly style: RequestStyle;
  readonly text: string;
}

export type CheckedRequests =
  | { readonly ok: true; readonly requests: readonly StyledText[] }
  | { readonly ok: false; readonly problems: readonly string[] };

/** Markers of code in what should be a merchant's plain words. */
const codeMarkers: readonly {
  readonly pattern: RegExp;
  readonly what: string;
}[] = [
  { pattern: /```/, what: "a code block" },
  { pattern: /^\s*(def|import|from\s+\S+\s+import)\s/m, what: "Python code" },
  {
    pattern: /\b[a-z_]+\.[a-z_]+\.[a-z_]+\(/,
    what: "a Python call",
  },
];

/**
 * Whether `requests` are the ones asked for: exactly one per entry of `styles` (returned
 * in that order), each non-empty plain text within its style's length bounds, no code,
 * and no two alike (compared without case, spacing and punctuation).
 */
export function checkRequests(
  requests: readonly StyledText[],
  styles: readonly RequestStyle[],
): CheckedRequests {
  const problems: string[] = [];
  const wanted = countStyles(styles);
  const given = countStyles(requests.map((r) => r.style));
  for (const style of requestStyles)
    if (wanted[style] !== given[style])
      problems.push(
        `${given[style]} ${style} request${given[style] === 1 ? "" : "s"} instead of ${wanted[style]}`,
      );
  const seen = new Map<string, number>();
  for (const [i, r] of requests.entries()) {
    const text = r.text.trim();
    const { min, max } = requestLengthBounds[r.style];
    if (text.length < min || text.length > max)
      problems.push(
        `request ${i + 1} (${r.style}) has ${text.length} characters, outside ${min}-${max}`,
      );
    for (const marker of codeMarkers)
      if (marker.pattern.test(text))
        problems.push(`request ${i + 1} (${r.style}) contains ${marker.what}`);
    const key = requestKey(text);
    const twin = seen.get(key);
    if (twin !== undefined)
      problems.push(`request ${i + 1} repeats request ${twin}`);
    else seen.set(key, i + 1);
  }
  if (problems.length > 0) return { ok: false, problems };
  // Each requested style takes the next request of that style, so order follows `styles`.
  const queues = new Map<RequestStyle, StyledText[]>();
  for (const r of requests)
    queues.set(r.style, [
      ...(queues.get(r.style) ?? []),
      { style: r.style, text: r.text.trim() },
    ]);
  return {
    ok: true,
    requests: styles.map((s) => {
      const next = queues.get(s)?.shift();
      if (next === undefined)
        throw new InternalError(
          `style counts were checked equal, yet ${s} ran out`,
        );
      return next;
    }),
  };
}

/**
 * Reads a writer's answer: a JSON object `{"requests": [{"style", "text"}]}` (or the bare
 * list), tolerating a thinking block and a code fence around it, which models add even
 * when told not to.
 */
export function readRequestAnswer(
  content: string,
): { readonly requests: readonly StyledText[] } | { readonly problem: string } {
  const text = content
    .replace(/^\s*<think>[\s\S]*?<\/think>/, "")
    .trim()
    .replace(/^```(?:json)?\s*\n([\s\S]*?)\n```$/, "$1");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const start = text.indexOf("{");
    const end = text.lastIndexOf("}");
    try {
      value =
        start >= 0 && end > start
          ? JSON.parse(text.slice(start, end + 1))
          : undefined;
    } catch {
      value = undefined;
    }
    if (value === undefined)
      return { problem: "the answer is not a JSON object" };
  }
  const list =
    typeof value === "object" && value !== null && "requests" in value
      ? value.requests
      : value;
  if (!Array.isArray(list))
    return { problem: 'the answer has no "requests" list' };
  const requests: StyledText[] = [];
  for (const [i, item] of (list as readonly unknown[]).entries()) {
    const style =
      typeof item === "object" && item !== null && "style" in item
        ? item.style
        : undefined;
    const text =
      typeof item === "object" && item !== null && "text" in item
        ? item.text
        : undefined;
    if (typeof style !== "string" || typeof text !== "string")
      return { problem: `request ${i + 1} is not {"style": …, "text": …}` };
    if (!isRequestStyle(style))
      return {
        problem: `request ${i + 1} has the unknown style ${JSON.stringify(style)}`,
      };
    requests.push({ style, text });
  }
  return { requests };
}

/** A request's text without case, spacing and punctuation: two requests alike have equal keys. */
export function requestKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function countStyles(
  styles: readonly RequestStyle[],
): Record<RequestStyle, number> {
  const out = { terse: 0, detailed: 0, non_native: 0, vague: 0 };
  for (const s of styles) out[s]++;
  return out;
}
