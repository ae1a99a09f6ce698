import {
  isPlainIdentifier,
  isPythonKeyword,
} from "../../python/ast/identifiers.js";

/**
 * Flow's variable naming (SPEC §d.2): step names are camel-cased the way lodash does it,
 * splitting words at spaces, punctuation and case changes ("Send Admin API request" →
 * sendAdminApiRequest, "getUnfulfilledOrders" stays as it is).
 */
export function camelCaseStepName(name: string): string {
  const words =
    name.match(
      /[A-Z]{2,}(?=[A-Z][a-z]+[0-9]*|[^A-Za-z]|$)|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+/g,
    ) ?? [];
  return words
    .map((w, i) => {
      const lower = w.toLowerCase();
      return i === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join("");
}

/** The ForEach item variable: last path segment + `Foreachitem` (SPEC §d.3). */
export function foreachItemName(listPath: string): string {
  const segments = listPath.split(".");
  return `${segments[segments.length - 1] ?? ""}Foreachitem`;
}

/**
 * Config field ids become keyword arguments. Ids that are Python keywords get a trailing
 * underscore (PEP 8); ids that already end in `_` after a keyword stem get one more, so
 * the mapping stays reversible. Ids that are not identifiers at all return undefined
 * (the caller passes them in a positional dict).
 */
export function fieldIdToKeyword(fieldId: string): string | undefined {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(fieldId)) return undefined;
  const stem = fieldId.endsWith("_") ? fieldId.replace(/_+$/, "") : fieldId;
  if (isPythonKeyword(stem)) return `${fieldId}_`;
  return fieldId;
}

export function keywordToFieldId(keyword: string): string {
  const stem = keyword.replace(/_+$/, "");
  if (isPythonKeyword(stem) && keyword.endsWith("_"))
    return keyword.slice(0, -1);
  return keyword;
}

/**
 * Task ids print as dotted references when they have at least two `::` segments and every
 * segment is a plain identifier. A one-segment id would read as a bare call, which could
 * be taken for `step(...)`, `json(...)` or a merge function, so it prints as `task("id")`.
 */
export function taskIdSegments(taskId: string): readonly string[] | undefined {
  const segments = taskId.split("::");
  return segments.length >= 2 && segments.every(isPlainIdentifier)
    ? segments
    : undefined;
}
