import { toolArgumentsLayout, writeJson } from "./canonical-json.js";
import { schemaToJson, type JsonSchema } from "./json-schema.js";
import type { ResolvedToolSet } from "./resolve-tool-set.js";

/**
 * Markdown reference of a resolved tool set, generated from the same definition the model
 * and the executors use, so the docs cannot drift from what is served.
 */
export function toolSetReference(toolSet: ResolvedToolSet): string {
  const out: string[] = [
    `# Agent tools (${toolSet.version}, deployment ${toolSet.deployment})`,
    "",
    `Tool set hash \`${toolSet.hash}\` (definition \`${toolSet.definitionHash}\`, overlay \`${toolSet.overlayHash}\`).`,
    "",
    'Serialisation: tool-call arguments are JSON with `", "` and `": "` separators (Python `json.dumps`), because vLLM re-prints history arguments that way; ' +
      "tool answers are compact JSON (`,` and `:`), keys in the order listed below, optional keys only when set, no other keys, " +
      "non-ASCII characters as themselves, integral numbers without a fraction and other numbers as Python's `repr`.",
    "",
  ];
  for (const tool of toolSet.tools) {
    out.push(
      `## \`${tool.name}\``,
      "",
      tool.description,
      "",
      "Parameters:",
      "",
    );
    out.push(
      "```json",
      writeJson(schemaToJson(tool.parameters), toolArgumentsLayout),
      "```",
      "",
    );
    out.push("Answer keys, in order (`?` = optional):", "");
    out.push(...keyLines(tool.response, 0), "");
  }
  out.push(
    "## Invalid arguments",
    "",
    "Any tool answers arguments that do not fit its parameters with:",
    "",
  );
  out.push(...keyLines(toolSet.errorResponse, 0), "");
  return out.join("\n");
}

function keyLines(schema: JsonSchema, depth: number): string[] {
  const indent = "  ".repeat(depth);
  if (schema.type === "array") return keyLines(schema.items, depth);
  if (schema.type !== "object") return [];
  return Object.entries(schema.properties).flatMap(([key, inner]) => {
    const optional = schema.required.includes(key) ? "" : "?";
    const type = inner.type === "array" ? `${inner.items.type}[]` : inner.type;
    const values =
      inner.type === "string" && inner.enum !== undefined
        ? ` (${inner.enum.map((v) => JSON.stringify(v)).join(" | ")})`
        : "";
    return [
      `${indent}- \`${key}\`${optional}: ${type}${values}`,
      ...keyLines(inner, depth + 1),
    ];
  });
}
