import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { documentForms, writeDocument } from "../../src/core/document-form.js";
import { decodeDocument } from "../../src/dialects/flow/decode-document.js";
import { encodeDocument } from "../../src/dialects/flow/encode-document.js";
import type { FlowWorkflow } from "../../src/dialects/flow/model.js";
import { TASK_TYPES } from "../../src/dialects/flow/model.js";
import { writeAgentDocument } from "../../src/dialects/flow/write-agent-document.js";
import { parseJson } from "../../src/json/parse-json.js";
import {
  jsonArray,
  jsonBoolean,
  jsonNull,
  jsonNumber,
  jsonObject,
  jsonString,
  type JsonNode,
} from "../../src/json/json-node.js";
import {
  hostileStringArb,
  workflowDocumentArb,
} from "../arbitraries/workflow.js";
import { corpusCases, publicCases } from "../support/corpus.js";
import { propertyTimeout, runs } from "../laws.js";

const viaTree = (w: FlowWorkflow): string =>
  writeDocument(encodeDocument(w), documentForms.agent);

function decoded(text: string): FlowWorkflow | undefined {
  const parsed = parseJson(text.replace(/^[0-9a-f]{64}:/, ""));
  if (!parsed.ok) return undefined;
  const workflow = decodeDocument(parsed.value);
  return workflow.ok ? workflow.value : undefined;
}

const leafArb: fc.Arbitrary<JsonNode> = fc.oneof(
  hostileStringArb.map(jsonString),
  fc.integer().map(jsonNumber),
  fc.boolean().map(jsonBoolean),
  fc.constant(jsonNull()),
);
const { node: nodeArb } = fc.letrec<{ node: JsonNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leafArb,
    fc.array(tie("node"), { maxLength: 3 }).map(jsonArray),
    fc
      .array(fc.tuple(hostileStringArb, tie("node")), { maxLength: 3 })
      .map((entries) => jsonObject(entries)),
  ),
}));

/** Any workflow value, including what no decoded document has: links to unknown steps, variables. */
const workflowArb: fc.Arbitrary<FlowWorkflow> = fc
  .record({
    name: hostileStringArb,
    note: fc.option(hostileStringArb, { nil: null }),
    variables: fc.array(nodeArb, { maxLength: 2 }),
    patched: fc.array(
      fc.array(fc.tuple(hostileStringArb, nodeArb), { maxLength: 3 }),
      { maxLength: 2 },
    ),
    steps: fc.array(
      fc.record({
        id: fc.oneof(
          fc.nat(20).map(jsonNumber),
          fc.nat(20).map(String).map(jsonString),
        ),
        taskId: hostileStringArb,
        taskVersion: hostileStringArb,
        taskType: fc.constantFrom(...TASK_TYPES),
        config: fc.array(
          fc.record({ fieldId: hostileStringArb, value: hostileStringArb }),
          { maxLength: 3 },
        ),
        description: fc.option(hostileStringArb, { nil: null }),
        note: fc.option(hostileStringArb, { nil: null }),
        name: fc.option(hostileStringArb, { nil: null }),
      }),
      { maxLength: 6 },
    ),
    links: fc.array(
      fc.tuple(fc.nat(7), hostileStringArb, fc.nat(7), hostileStringArb),
      { maxLength: 8 },
    ),
  })
  .map(({ name, note, variables, patched, steps, links }) => {
    const keyed = steps.map((s) => ({
      ...s,
      key: `${s.id.kind}:${s.id.kind === "number" || s.id.kind === "string" ? s.id.raw : ""}`,
      path: [],
    }));
    const keyAt = (k: number) => keyed[k]?.key ?? `missing:${k}`;
    return {
      name,
      note,
      variables,
      patchedFields: patched.map((entries) => ({ entries })),
      steps: keyed,
      links: links.map(([from, fromPort, to, toPort]) => ({
        from: keyAt(from),
        fromPort,
        to: keyAt(to),
        toPort,
        path: [],
      })),
    };
  });

describe("writeAgentDocument", { timeout: propertyTimeout }, () => {
  it("writes what encodeDocument + writeDocument write, on every corpus and public workflow", () => {
    let seen = 0;
    for (const file of [
      ...corpusCases().map((c) => c.document),
      ...publicCases().map((c) => c.file),
    ]) {
      const w = decoded(readFileSync(file, "utf8"));
      if (w === undefined) continue;
      seen++;
      expect(writeAgentDocument(w), file).toBe(viaTree(w));
    }
    expect(seen).toBeGreaterThan(150);
  });

  it(`writes what encodeDocument + writeDocument write, on generated documents (${runs} runs)`, () => {
    fc.assert(
      fc.property(workflowDocumentArb, ({ text }) => {
        const w = decoded(text);
        expect(w).toBeDefined();
        if (w !== undefined) expect(writeAgentDocument(w)).toBe(viaTree(w));
      }),
      { numRuns: runs },
    );
  });

  it(`writes what encodeDocument + writeDocument write, on any workflow value (${runs} runs)`, () => {
    fc.assert(
      fc.property(workflowArb, (w) => {
        expect(writeAgentDocument(w)).toBe(viaTree(w));
      }),
      { numRuns: runs },
    );
  });
});
