import { checkFlowRoundTrip, readDocument } from "@flowpy/transpiler";
import { createHash } from "node:crypto";
import fc from "fast-check";
import {
  catalog,
  documentBody,
  runs,
  unescaped,
  unredact,
  validationKeys,
} from "./checks.js";
import { describe, expect, it } from "vitest";
import {
  createRedactor,
  redactionKinds,
  sdkCodes,
  type Redaction,
} from "../../src/index.js";
import { createPlaceholders } from "../../src/redact/placeholders.js";
import { redactDocument } from "../../src/redact/redact-workflow.js";
import {
  allSeeds,
  exportForm,
  iacForm,
  seededWorkflow,
  seeds,
} from "./seeds.js";

/** Every seeded value and fragment that occurs in `text`. */
function survivors(text: string): string[] {
  // Searched in the text as written and with JSON escapes undone (JSON inside JSON strings).
  const decoded = unescaped(text);
  return allSeeds.flatMap((seed) =>
    [seed.value, ...seed.fragments].filter(
      (f) => text.includes(f) || decoded.includes(f),
    ),
  );
}

const { document, expected } = seededWorkflow();
const forms = {
  agent: JSON.stringify(document, null, 2),
  iac: iacForm(document),
  export: exportForm(document),
} as const;

describe("redacting a workflow seeded with every kind of merchant data", () => {
  const redactor = createRedactor({ salt: "test-salt" });

  it("the seeded workflow is a valid, round-tripping Flow document to begin with", () => {
    for (const json of Object.values(forms)) {
      expect(checkFlowRoundTrip(json).status).toBe("ok");
      expect(survivors(json).length).toBeGreaterThan(allSeeds.length);
    }
  });

  for (const [form, json] of Object.entries(forms)) {
    describe(`${form} form`, () => {
      const result = redactor.workflowRedactions(json);
      if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
      const out = result.value.json;

      it("leaves no seeded value and no fragment of one", () => {
        expect(survivors(out)).toEqual([]);
      });

      it("counts every kind, zeros included, in the fixed order", () => {
        expect(Object.keys(result.value.counts)).toEqual([...redactionKinds]);
        expect(result.value.counts).toEqual(expected);
      });

      it("still round-trips and validates exactly as before", () => {
        expect(checkFlowRoundTrip(out).status).toBe("ok");
        expect(validationKeys(out)).toEqual(validationKeys(json));
      });

      it("changes nothing but the data: putting the originals back gives the input", () => {
        const body = documentBody;
        expect(body(unredact(out, result.value.redactions))).toBe(body(json));
      });

      it("keeps the form of the document", () => {
        const a = readDocument(json);
        const b = readDocument(out);
        if (!a.ok || !b.ok) throw new Error("does not read");
        expect(b.value.form.style).toEqual(a.value.form.style);
        expect(b.value.form.prefix?.sha256OfBody).toBe(
          a.value.form.prefix?.sha256OfBody,
        );
      });
    });
  }

  it("recomputes an export prefix that was the body's hash and keeps any other", () => {
    const out = redactor.workflow(forms.export);
    if (!out.ok) throw new Error("rejected");
    const [prefix, ...rest] = out.value.json.split(":");
    const body = rest.join(":");
    expect(prefix).toBe(createHash("sha256").update(body).digest("hex"));
    expect(prefix).not.toBe(forms.export.slice(0, 64));

    const keyed = `${"ab".repeat(32)}${forms.export.slice(64)}`;
    const kept = redactor.workflow(keyed);
    if (!kept.ok) throw new Error("rejected");
    expect(kept.value.json.slice(0, 65)).toBe(`${"ab".repeat(32)}:`);
  });

  it("keeps placeholders valid where they stand", () => {
    const out = redactor.workflowRedactions(forms.agent);
    if (!out.ok) throw new Error("rejected");
    for (const r of out.value.redactions) {
      switch (r.kind) {
        case "email":
          expect(r.placeholder).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+\.[a-z]+$/);
          break;
        case "gid":
          expect(r.placeholder).toMatch(
            /^gid:\/\/shopify\/Customer\/[1-9]\d{12}$/,
          );
          break;
        case "phone":
          expect(r.placeholder.replace(/\d/g, "0")).toBe(
            r.original.replace(/\d/g, "0"),
          );
          break;
        case "ip_address":
          expect(r.placeholder).toMatch(/^10\.\d{1,3}\.\d{1,3}\.\d{1,3}$/);
          break;
        case "shop_domain":
          expect(r.placeholder).toMatch(
            /^shop-[0-9a-f]{8}\.(?:myshopify|example)\.com$/,
          );
          expect(r.placeholder.endsWith(".myshopify.com")).toBe(
            r.original.endsWith(".myshopify.com"),
          );
          break;
        case "api_key":
        case "url_token":
          expect(r.placeholder).toHaveLength(r.original.length);
          expect(r.placeholder.replace(/[0-9a-f]/g, "h")).toMatch(
            /^(?:shpat_|sk_live_)?/,
          );
          break;
        case "customer_name":
          expect(r.placeholder).toMatch(/^\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)?$/u);
          break;
        case "postal_address":
          expect(r.placeholder).toMatch(/^\d+ \p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u);
          break;
      }
      expect(r.placeholder).not.toBe(r.original);
    }
  });

  it("is deterministic and consistent: same value and salt, same placeholder, in any workflow", () => {
    const once = redactor.workflow(forms.agent);
    const again = createRedactor({ salt: "test-salt" }).workflow(forms.agent);
    expect(again).toEqual(once);

    const other = redactor.workflowRedactions(forms.iac);
    const first = redactor.workflowRedactions(forms.agent);
    if (!other.ok || !first.ok) throw new Error("rejected");
    const byOriginal = (rs: readonly Redaction[]) =>
      new Map(rs.map((r) => [`${r.kind} ${r.original}`, r.placeholder]));
    expect(byOriginal(other.value.redactions)).toEqual(
      byOriginal(first.value.redactions),
    );
    // Different values get different placeholders.
    const distinct = new Map<string, string>();
    for (const r of first.value.redactions) {
      const seen = distinct.get(r.placeholder);
      if (seen !== undefined) expect(seen).toBe(r.original);
      distinct.set(r.placeholder, r.original);
    }
  });

  it("gives other placeholders under another salt", () => {
    const a = redactor.workflowRedactions(forms.agent);
    const b = createRedactor({ salt: "other-salt" }).workflowRedactions(
      forms.agent,
    );
    if (!a.ok || !b.ok) throw new Error("rejected");
    expect(b.value.counts).toEqual(a.value.counts);
    const shared = b.value.redactions.filter((r, i) =>
      r.kind === "customer_name"
        ? false
        : r.placeholder === a.value.redactions[i]?.placeholder,
    );
    expect(shared).toEqual([]);
  });

  it("redacts GIDs in patched fields and in a JSON-string condition tree's literals only", () => {
    const tree = JSON.stringify({
      uuid: "01KM2QPS5X0000000000000001",
      operator: "AND",
      operation_type: "LogicalExpression",
      lhs: {
        uuid: "01KM2QPS5X0000000000000002",
        parent_uuid: "01KM2QPS5X0000000000000001",
        operator: "==",
        operation_type: "Comparison",
        value_type: "EnvironmentScalarDefinition:String",
        lhs: {
          uuid: "01KM2QPS5X0000000000000003",
          parent_uuid: "01KM2QPS5X0000000000000002",
          value: "order.customer.firstName",
          comparison_value_type: "EnvironmentValue",
          full_environment_path: "order.customer.firstName",
        },
        rhs: {
          uuid: "01KM2QPS5X0000000000000004",
          parent_uuid: "01KM2QPS5X0000000000000002",
          value: seeds.conditionName.value,
          comparison_value_type: "LiteralValue",
        },
      },
    });
    const doc = structuredClone(document);
    const steps = (doc.root as { steps: unknown }).steps as {
      config_field_values: { value: string }[];
    }[];
    const cond = steps[1]?.config_field_values[0];
    if (cond === undefined) throw new Error("no condition");
    cond.value = tree;
    const json = JSON.stringify(doc, null, 2);
    expect(checkFlowRoundTrip(json).status).toBe("ok");
    const out = redactor.workflowRedactions(json);
    if (!out.ok) throw new Error(JSON.stringify(out.diagnostics));
    expect(out.value.json).not.toContain(seeds.conditionName.value);
    expect(out.value.json).toContain("order.customer.firstName");
    expect(out.value.json).toContain("01KM2QPS5X0000000000000004");
    expect(out.value.counts.customer_name).toBe(expected.customer_name);
  });
});

describe("the safety net: a workflow redaction would break is rejected, never returned", () => {
  const real = createPlaceholders("s");

  it("rejects when a placeholder would break a condition (round trip)", () => {
    const broken = {
      ...real,
      name: () => "x' || 'y",
    };
    const result = redactDocument(forms.agent, broken, catalog);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual([
      sdkCodes.redactRoundTrip,
    ]);
  });

  it("rejects when a placeholder would add a validation diagnostic", () => {
    const broken = { ...real, ip: () => "{{ order.noSuchField }}" };
    const result = redactDocument(forms.agent, broken, catalog);
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]?.code).toBe(sdkCodes.redactValidationChanged);
    expect(result.diagnostics[0]?.path).toBeDefined();
  });

  it("rejects a workflow that does not load, with the reason", () => {
    const redactor = createRedactor({ salt: "s" });
    for (const bad of ["", "{", "[]", '{"root": {}}', "not json at all"]) {
      const result = redactor.workflow(bad);
      expect(result.ok).toBe(false);
      expect(result.diagnostics[0]?.code).toBe(sdkCodes.redactWorkflowInvalid);
      expect(result.diagnostics[0]?.message).toMatch(/does not load|parse/);
    }
  });
});

describe("escapes and hostile input", () => {
  const redactor = createRedactor({ salt: "s" });

  it("keeps every escape it does not touch, in a document written with \\u escapes", () => {
    const doc = structuredClone(document);
    const steps = (
      doc.root as {
        steps: {
          config_field_values: { config_field_id: string; value: string }[];
        }[];
      }
    ).steps;
    const message = steps[2]?.config_field_values.find(
      (c) => c.config_field_id === "message",
    );
    if (message === undefined) throw new Error("no message");
    message.value = `Hi Zoë Müller,\nyour order — {{ order.name }} — ships today.\nBest regards,\n${seeds.signOffName.value}`;
    // Python's json.dumps(ensure_ascii=True) spelling: every non-ASCII character escaped.
    const json = JSON.stringify(doc, null, 2).replace(
      /[\u0080-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
    expect(json).toContain("Zo\\u00eb M\\u00fcller");
    const out = redactor.workflow(json);
    if (!out.ok) throw new Error(JSON.stringify(out.diagnostics));
    expect(out.value.json).not.toContain("Zo\\u00eb");
    expect(out.value.json).not.toContain("M\\u00fcller");
    expect(out.value.json).toContain(
      "your order \\u2014 {{ order.name }} \\u2014 ships today",
    );
    expect(out.value.json).not.toMatch(/[\u0080-\uffff]/);
    expect(checkFlowRoundTrip(out.value.json).status).toBe("ok");
  });

  it("never throws on any text, and returns a diagnostic or a loadable workflow", () => {
    const seeded = forms.agent;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc
            .tuple(
              fc.nat(seeded.length),
              fc.nat(40),
              fc.string({ maxLength: 20 }),
            )
            .map(
              ([at, cut, insert]) =>
                seeded.slice(0, at) + insert + seeded.slice(at + cut),
            ),
        ),
        (text) => {
          const result = redactor.workflow(text);
          if (result.ok)
            expect(checkFlowRoundTrip(result.value.json).status).toBe("ok");
          else expect(result.diagnostics[0]?.code).toMatch(/^redact-/);
        },
      ),
      { numRuns: Math.min(runs, 300) },
    );
  }, 120_000);
});
