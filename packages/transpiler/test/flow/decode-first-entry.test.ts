import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkGraph } from "../../src/dialects/flow/check-graph.js";
import { decodeDocument } from "../../src/dialects/flow/decode-document.js";
import type { JsonEntry, JsonNode } from "../../src/json/json-node.js";
import { parseJson } from "../../src/json/parse-json.js";
import { propertyTimeout, runs } from "../laws.js";

// Step, link and config-entry objects are read in one pass; a later entry with the same
// name must never replace the first one (the lossless tree may hold duplicates).
const document = `{"__metadata":{"version":0.1},"root":{"workflow_name":"w","steps":[
  {"step_id":1,"task_id":"shopify::admin::order_created","task_version":"0.1","task_type":"TRIGGER","config_field_values":[],"description":null,"note":null,"name":null},
  {"step_id":"b","task_id":"shopify::flow::condition","task_version":"0.1","task_type":"CONDITION","config_field_values":[{"config_field_id":"condition","value":"{}"}],"description":"d","note":"n","name":"x"}],
  "links":[{"from_step_id":1,"from_port_id":"output","to_step_id":"b","to_port_id":"input"}],
  "patched_fields":[]}}`;

const junk: fc.Arbitrary<JsonNode> = fc.oneof(
  fc.constant<JsonNode>({ kind: "null" }),
  fc.constant<JsonNode>({ kind: "boolean", value: true }),
  fc.constant<JsonNode>({ kind: "number", raw: "7" }),
  fc.string().map<JsonNode>((value) => ({
    kind: "string",
    value,
    raw: JSON.stringify(value),
  })),
  fc.constant<JsonNode>({ kind: "array", items: [] }),
);

/** `node` with, in every object, a later duplicate of some of its entries holding junk. */
function withDuplicates(
  node: JsonNode,
  pick: () => JsonNode | undefined,
): JsonNode {
  switch (node.kind) {
    case "array":
      return { ...node, items: node.items.map((i) => withDuplicates(i, pick)) };
    case "object": {
      const entries: JsonEntry[] = node.entries.map((e) => ({
        ...e,
        value: withDuplicates(e.value, pick),
      }));
      for (const e of node.entries) {
        const value = pick();
        if (value !== undefined) entries.push({ ...e, value });
      }
      return { ...node, entries };
    }
    default:
      return node;
  }
}

describe("decodeDocument with duplicate keys", () => {
  const base = parseJson(document, { spans: false });
  if (!base.ok) throw new Error("fixture does not parse");
  const expected = decodeDocument(base.value);

  it("decodes the fixture", () => {
    expect(expected.ok).toBe(true);
    if (expected.ok) expect(checkGraph(expected.value).diagnostics).toEqual([]);
  });

  it(
    "keeps the first entry of each name",
    () => {
      fc.assert(
        fc.property(
          fc.array(fc.option(junk, { nil: undefined }), { maxLength: 200 }),
          (values) => {
            let i = 0;
            const doc = withDuplicates(base.value, () => values[i++]);
            expect(decodeDocument(doc)).toEqual(expected);
          },
        ),
        { numRuns: runs },
      );
    },
    propertyTimeout,
  );
});
