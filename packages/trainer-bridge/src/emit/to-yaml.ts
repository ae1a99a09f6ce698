import { stringify } from "yaml";

/**
 * YAML text of plain data, deterministic: keys keep the order the emitter built them in,
 * lines are never folded (a folded shell command would change meaning for some readers), and
 * multi-line strings become literal blocks so scripts stay readable in the file.
 */
export function toYaml(value: unknown): string {
  return stringify(value, {
    lineWidth: 0,
    blockQuote: "literal",
    aliasDuplicateObjects: false,
  });
}
