import type { FieldDef } from "./type-universe.js";

export interface OutputSchema {
  /** Object types by name; `Output` is the one Run code returns. */
  readonly objects: ReadonlyMap<string, readonly FieldDef[]>;
  readonly enums: ReadonlyMap<string, readonly string[]>;
}

/**
 * Reads the GraphQL SDL of a Run code `output_schema` (SPEC §d.4) far enough to shape
 * the step's output: `type X { field: Type! }` and `enum E { A B }`. Doc strings and
 * comments are skipped; anything unreadable leaves a type out (its uses fall back to the
 * workflow's usage) rather than failing the run.
 */
export function parseOutputSchema(sdl: string): OutputSchema {
  const text = sdl
    .replace(/"""[\s\S]*?"""/g, " ")
    .replace(/"(?:[^"\\\n]|\\.)*"/g, " ")
    .replace(/#[^\n]*/g, " ");
  const objects = new Map<string, FieldDef[]>();
  const enums = new Map<string, readonly string[]>();
  for (const m of text.matchAll(
    /\b(type|enum|input)\s+([A-Za-z_]\w*)[^{]*\{([^}]*)\}/g,
  )) {
    const [, keyword, name, body] = m;
    if (name === undefined || body === undefined) continue;
    if (keyword === "enum") {
      enums.set(name, body.match(/[A-Za-z_]\w*/g) ?? []);
      continue;
    }
    const fields: FieldDef[] = [];
    for (const f of body.matchAll(
      /([A-Za-z_]\w*)\s*(?:\([^)]*\))?\s*:\s*(\[?)\s*([A-Za-z_]\w*)/g,
    )) {
      const [, fieldName, bracket, typeName] = f;
      if (fieldName === undefined || typeName === undefined) continue;
      fields.push({
        name: fieldName,
        type: { name: typeName, list: bracket === "[" },
      });
    }
    objects.set(name, fields);
  }
  return { objects, enums };
}
