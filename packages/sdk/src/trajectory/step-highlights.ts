import type { CatalogTask, FlowStep } from "@flowpy/transpiler";

/**
 * The config values of a step a merchant would state in a request: short plain values
 * (tags, options, numbers, short texts) with the field's label. Long texts, code and
 * encoded structures are left out; a request names what matters, not every byte.
 */
export function stepHighlights(
  step: FlowStep,
  task: CatalogTask,
): readonly string[] {
  const out: string[] = [];
  for (const entry of step.config) {
    const field = task.config_fields.find((f) => f.id === entry.fieldId);
    if (field === undefined || field.hidden === true) continue;
    const label = field.label.toLowerCase();
    if (field.type === "list") {
      const items = stringList(entry.value);
      if (items !== undefined && items.length > 0)
        out.push(`${label} ${items.map((i) => `"${i}"`).join(", ")}`);
    } else if (
      [
        "enum",
        "boolean",
        "number",
        "string",
        "liquid",
        "search_query",
      ].includes(field.type) &&
      entry.value.length > 0 &&
      entry.value.length <= 80 &&
      !entry.value.includes("\n")
    )
      out.push(`${label} "${entry.value}"`);
  }
  return out;
}

/** A list field's JSON array of strings, or undefined when it is anything else. */
export function stringList(text: string): readonly string[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) && value.every((v) => typeof v === "string")
      ? (value as string[])
      : undefined;
  } catch {
    return undefined;
  }
}
