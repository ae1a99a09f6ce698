import { documentForms, readDocument, writeDocument } from "@flowpy/transpiler";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalWorkflowText,
  exactKey,
  sdkCodes,
  sha256Hex,
  structuralFingerprint,
  workflowKeys,
  type WorkflowKeys,
} from "../../src/index.js";
import { corpusWorkflows } from "../trajectory/corpus-workflows.js";
import {
  literalVariation,
  parseDoc,
  rewrite,
  rng,
  withRoot,
  type Doc,
} from "./documents.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);
// A hang guard for whole-corpus loops, not a performance assertion.
const timeout = Math.max(120_000, runs * 200);
const corpus = corpusWorkflows();

function keysOf(text: string): WorkflowKeys {
  const keys = workflowKeys(text);
  if (!keys.ok)
    throw new Error(keys.diagnostics.map((d) => d.message).join("; "));
  return keys.value;
}

const corpusKeys = corpus.map((w) => ({ ...w, keys: keysOf(w.text) }));

describe("exactKey", () => {
  it("is the SHA-256 of the canonical text sameWorkflow compares, for every corpus workflow", () => {
    expect(corpus.length).toBeGreaterThan(150);
    for (const w of corpusKeys) {
      const canonical = canonicalWorkflowText(w.text);
      expect(canonical, w.name).toBeDefined();
      expect(w.keys.exactKey, w.name).toBe(sha256Hex(canonical ?? ""));
      expect(exactKey(w.text)).toEqual({
        ok: true,
        value: w.keys.exactKey,
        diagnostics: [],
      });
      expect(structuralFingerprint(w.text)).toEqual({
        ok: true,
        value: w.keys.fingerprint,
        diagnostics: [],
      });
    }
  });

  it("is the same in the agent, IaC and export forms of each corpus workflow", () => {
    for (const w of corpusKeys) {
      const read = readDocument(w.text);
      if (!read.ok) throw new Error(w.name);
      const forms = Object.values(documentForms).map((form) =>
        writeDocument(read.value.node, form),
      );
      expect(new Set(forms).size, w.name).toBe(3);
      for (const text of forms) expect(keysOf(text), w.name).toEqual(w.keys);
    }
  });

  it("tells every corpus workflow apart", () => {
    const keys = new Set(corpusKeys.map((w) => w.keys.exactKey));
    expect(keys.size).toBe(corpus.length);
  });

  it(
    "ignores step ids, key order, array order, positions and condition uuids",
    () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: corpus.length - 1 }),
          fc.integer(),
          (index, seed) => {
            const w = corpusKeys[index];
            if (w === undefined) return;
            const text = rewrite(parseDoc(w.text), rng(seed));
            expect(keysOf(text)).toEqual(w.keys);
          },
        ),
        { numRuns: runs },
      );
    },
    timeout,
  );

  it("answers dedup-workflow-invalid, never throws, for text that is not a workflow", () => {
    const bad = exactKey("{ not json");
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0]?.code).toBe(sdkCodes.dedupWorkflowInvalid);
    expect(bad.diagnostics.length).toBeGreaterThan(1);
    const noSteps = structuralFingerprint('{"root": {"steps": 3}}');
    expect(noSteps.ok).toBe(false);
    expect(noSteps.diagnostics[0]?.code).toBe(sdkCodes.dedupWorkflowInvalid);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: corpus.length - 1 }),
        fc.nat(),
        fc.string(),
        (index, cut, junk) => {
          const text = corpus[index]?.text ?? "";
          const broken = text.slice(0, cut % (text.length + 1)) + junk;
          const keys = workflowKeys(broken);
          if (!keys.ok)
            expect(keys.diagnostics[0]?.code).toBe(
              sdkCodes.dedupWorkflowInvalid,
            );
        },
      ),
      { numRuns: runs },
    );
  });
});

describe("structuralFingerprint", () => {
  it(
    "stays when only literals change, while the exact key moves with any literal",
    () => {
      let changedRuns = 0;
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: corpus.length - 1 }),
          fc.integer(),
          (index, seed) => {
            const w = corpusKeys[index];
            if (w === undefined) return;
            const variation = literalVariation(parseDoc(w.text), rng(seed));
            const keys = keysOf(variation.text);
            expect(keys.fingerprint, w.name).toBe(w.keys.fingerprint);
            if (variation.changed) {
              changedRuns++;
              expect(keys.exactKey, w.name).not.toBe(w.keys.exactKey);
            } else expect(keys.exactKey, w.name).toBe(w.keys.exactKey);
          },
        ),
        { numRuns: runs },
      );
      expect(changedRuns).toBeGreaterThan(runs / 2);
    },
    timeout,
  );

  it("equal exact keys imply equal fingerprints", () => {
    for (const a of corpusKeys)
      for (const b of corpusKeys)
        if (a.keys.exactKey === b.keys.exactKey)
          expect(a.keys.fingerprint).toBe(b.keys.fingerprint);
  });

  it("changes when a task id changes", () => {
    let checked = 0;
    for (const w of corpusKeys) {
      const doc = parseDoc(w.text);
      doc.root.steps.forEach((step, i) => {
        if (step.task_type !== "ACTION") return;
        const steps = replaceAt(doc.root.steps, i, {
          ...step,
          task_id: `${step.task_id}_other`,
        });
        expectChanged(w.keys, withRoot(doc, { steps }), w.name);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("changes when a link moves to another port", () => {
    let checked = 0;
    const other: Readonly<Record<string, string>> = {
      true: "false",
      false: "true",
      loop_body: "after",
      after: "loop_body",
    };
    for (const w of corpusKeys) {
      const doc = parseDoc(w.text);
      doc.root.links.forEach((link, i) => {
        const port = other[link.from_port_id];
        if (port === undefined) return;
        const links = replaceAt(doc.root.links, i, {
          ...link,
          from_port_id: port,
        });
        expectChanged(w.keys, withRoot(doc, { links }), w.name);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("changes when a condition operator changes", () => {
    let checked = 0;
    const flip: Readonly<Record<string, string>> = {
      "==": "!=",
      "!=": "==",
      ">": "<=",
      "<=": ">",
      ">=": "<",
      "<": ">=",
    };
    for (const w of corpusKeys) {
      const doc = parseDoc(w.text);
      doc.root.steps.forEach((step, i) => {
        step.config_field_values.forEach((c, j) => {
          if (c.config_field_id !== "condition") return;
          const tree = c.value.match(/"operator":"(==|!=|>=|<=|>|<)"/);
          const dsl = c.value.match(/ (==|!=|>=|<=|>|<) /);
          const op = tree?.[1] ?? dsl?.[1];
          if (op === undefined) return;
          const value =
            tree !== null
              ? c.value.replace(tree[0], `"operator":"${flip[op] ?? op}"`)
              : c.value.replace(` ${op} `, ` ${flip[op] ?? op} `);
          const steps = replaceAt(doc.root.steps, i, {
            ...step,
            config_field_values: replaceAt(step.config_field_values, j, {
              ...c,
              value,
            }),
          });
          expectChanged(w.keys, withRoot(doc, { steps }), w.name);
          checked++;
        });
      });
    }
    expect(checked).toBeGreaterThan(30);
  });

  it("changes when a link is removed or a config field is added", () => {
    let checked = 0;
    for (const w of corpusKeys) {
      const doc = parseDoc(w.text);
      doc.root.links.forEach((link, i) => {
        const into = doc.root.links.filter(
          (l) => l.to_step_id === link.to_step_id,
        );
        if (into.length !== 1) return;
        const links = doc.root.links.filter((_, k) => k !== i);
        expectChanged(w.keys, withRoot(doc, { links }), w.name);
        checked++;
      });
      const [first] = doc.root.steps;
      if (first !== undefined) {
        const steps = replaceAt(doc.root.steps, 0, {
          ...first,
          config_field_values: [
            ...first.config_field_values,
            { config_field_id: "extra_field", value: "x" },
          ],
        });
        expectChanged(w.keys, withRoot(doc, { steps }), w.name);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("reads patched fields as the exact key does: arguments shaped, ids and encodings ignored", () => {
    const w = corpusKeys.find(
      (c) => c.name === "products/clearance-collection-sale-tag",
    );
    if (w === undefined) throw new Error("corpus case missing");
    const doc = parseDoc(w.text);
    const [field] = doc.root["patched_fields"] as readonly Record<
      string,
      unknown
    >[];
    if (field === undefined) throw new Error("no patched field");
    const variant = (changes: Record<string, unknown>): WorkflowKeys =>
      keysOf(
        JSON.stringify(
          withRoot(doc, { patched_fields: [{ ...field, ...changes }] }),
        ),
      );
    // Arguments as a JSON string, and a generated id: the same workflow.
    expect(
      variant({ arguments: JSON.stringify(field["arguments"]), id: "x-1" }),
    ).toEqual(w.keys);
    const otherCollection = variant({
      arguments: { id: "gid://shopify/Collection/1" },
    });
    expect(otherCollection.fingerprint).toBe(w.keys.fingerprint);
    expect(otherCollection.exactKey).not.toBe(w.keys.exactKey);
    const otherType = variant({ patched_type: "ORDER" });
    expect(otherType.fingerprint).not.toBe(w.keys.fingerprint);
  });

  it("groups the corpus's near-duplicates: same structure, other literals", () => {
    const byFingerprint = new Map<string, string[]>();
    for (const w of corpusKeys)
      byFingerprint.set(w.keys.fingerprint, [
        ...(byFingerprint.get(w.keys.fingerprint) ?? []),
        w.name,
      ]);
    const groups = [...byFingerprint.values()].filter((g) => g.length > 1);
    // Monthly refunds and weekly sales: fetch → sum → count → email, other filters and text.
    expect(groups).toContainEqual([
      "scheduled-reports/monthly-refund-summary",
      "scheduled-reports/weekly-sales-summary",
    ]);
  });
});

function replaceAt<T>(items: readonly T[], index: number, item: T): T[] {
  return items.map((x, i) => (i === index ? item : x));
}

function expectChanged(before: WorkflowKeys, doc: Doc, name: string): void {
  const keys = workflowKeys(JSON.stringify(doc));
  expect(keys.ok, name).toBe(true);
  if (!keys.ok) return;
  expect(keys.value.fingerprint, name).not.toBe(before.fingerprint);
  expect(keys.value.exactKey, name).not.toBe(before.exactKey);
}
