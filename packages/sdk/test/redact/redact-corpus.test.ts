import { checkFlowRoundTrip, findWorkflowFiles } from "@flowpy/transpiler";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  createRedactor,
  redactionKinds,
  type Redaction,
  type RedactionKind,
} from "../../src/index.js";
import { documentBody, unescaped, unredact, validationKeys } from "./checks.js";
import { allSeeds, exportForm, seeds } from "./seeds.js";

const corpusDir = fileURLToPath(new URL("../../../../corpus", import.meta.url));
const files = findWorkflowFiles(corpusDir) ?? [];
const redactor = createRedactor({ salt: "corpus-review" });

const body = documentBody;

type Json = Record<string, unknown>;
interface ConfigEntry {
  config_field_id: string;
  value: string;
}

function parseObject(text: string): Json | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Json)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Seeds merchant data into a real workflow where real workflows hold it, and tallies the
 * least each kind must be found (the corpus may hold more of its own).
 */
function seed(document: Json): Record<RedactionKind, number> {
  const tally = Object.fromEntries(redactionKinds.map((k) => [k, 0])) as Record<
    RedactionKind,
    number
  >;
  const root = document["root"] as { steps: Json[] };
  for (const step of root.steps) {
    const configs = step["config_field_values"] as ConfigEntry[];
    if (step["task_type"] === "ACTION") {
      step["description"] = `Escalate to ${seeds.email2.value}`;
      tally.email += 1;
    }
    for (const c of configs) {
      switch (c.config_field_id) {
        case "address":
          c.value = seeds.email.value;
          tally.email += 1;
          break;
        case "subject":
          c.value += ` (${seeds.email2.value})`;
          tally.email += 1;
          break;
        case "message":
          c.value = `Hi ${seeds.greetingName.value},\n${c.value}\nCall ${seeds.phone.value}.\nBest regards,\n${seeds.signOffName.value}`;
          tally.customer_name += 2;
          tally.phone += 1;
          break;
        case "url":
          if (c.value.startsWith("https://")) {
            c.value += `${c.value.includes("?") ? "&" : "?"}token=${seeds.urlToken.value}`;
            tally.url_token += 1;
          }
          break;
        case "headers": {
          const pairs = JSON.parse(c.value) as string[][];
          pairs.push(["X-Shopify-Access-Token", seeds.shopifyToken.value]);
          pairs.push(["X-Api-Key", seeds.headerKey.value]);
          c.value = JSON.stringify(pairs);
          tally.api_key += 2;
          break;
        }
        case "body": {
          const object = parseObject(c.value);
          if (object !== undefined) {
            object["api_key"] = seeds.bodyKey.value;
            object["contact"] = {
              first_name: seeds.bodyName.value,
              address1: seeds.address.value,
              phone: seeds.phone3.value,
              ip: seeds.ip.value,
              customer: seeds.gid.value,
            };
            c.value = JSON.stringify(object, null, 2);
            tally.api_key += 1;
            tally.customer_name += 1;
            tally.postal_address += 1;
            tally.phone += 1;
            tally.ip_address += 1;
            tally.gid += 1;
          } else {
            c.value += ` ${seeds.email.value}`;
            tally.email += 1;
          }
          break;
        }
        case "tags": {
          const tags = JSON.parse(c.value) as string[];
          tags.push(seeds.email.value);
          c.value = JSON.stringify(tags);
          tally.email += 1;
          break;
        }
        case "api_call": {
          const call = parseObject(c.value);
          const blob =
            typeof call?.["blob"] === "string"
              ? parseObject(call["blob"])
              : undefined;
          if (call !== undefined && blob !== undefined) {
            blob["note"] =
              `Call ${seeds.phone2.value} or ${seeds.email2.value}`;
            call["blob"] = JSON.stringify(blob, null, 2);
            c.value = JSON.stringify(call);
            tally.phone += 1;
            tally.email += 1;
          }
          break;
        }
        case "condition":
          if (c.value.startsWith("(")) {
            c.value = `(${c.value} && (order.email == '${seeds.email.value}'))`;
            tally.email += 1;
          }
          break;
      }
    }
  }
  return tally;
}

describe("redacting the unseeded corpus", () => {
  const found: Redaction[] = [];

  it("has workflows to redact", () => {
    expect(files.length).toBeGreaterThan(150);
  });

  it("redacts every workflow and changes only what it reports", () => {
    for (const file of files) {
      const json = readFileSync(file, "utf8");
      const result = redactor.workflowRedactions(json);
      if (!result.ok)
        throw new Error(`${file}: ${JSON.stringify(result.diagnostics)}`);
      const { redactions, counts } = result.value;
      expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(
        redactions.length,
      );
      expect(body(unredact(result.value.json, redactions))).toBe(body(json));
      if (redactions.length === 0) expect(result.value.json).toBe(json);
      found.push(...redactions);
    }
  });

  it("finds only the ids and addresses the corpus really holds (reviewed list)", () => {
    // The reviewed findings: Shopify GIDs (collections, locations, catalogs, a segment …)
    // and one non-reserved mailbox (`versand@example.de`). Everything else in the corpus is
    // Liquid, task ids, labels, example.com hosts and mailboxes, and stand-in values.
    const kinds = new Set(found.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(["email", "gid"]);
    for (const r of found)
      expect(r.original).toMatch(
        r.kind === "gid"
          ? /^gid:\/\/shopify\/[A-Za-z]+\/\d+$/
          : /^[^@\s]+@[a-z0-9.-]+\.[a-z]+$/,
      );
  });
});

describe("redacting corpus workflows seeded with merchant data", () => {
  it("leaves none of it anywhere, and every workflow still round-trips and validates as before", () => {
    let used = 0;
    const covered = new Set<RedactionKind>();
    for (const file of files) {
      const original = readFileSync(file, "utf8");
      const document = JSON.parse(body(original)) as Json;
      const minimum = seed(document);
      const json = file.endsWith(".flow")
        ? exportForm(document)
        : JSON.stringify(document, null, 2);
      if (checkFlowRoundTrip(json).status !== "ok") continue;
      used += 1;
      const result = redactor.workflow(json);
      if (!result.ok)
        throw new Error(`${file}: ${JSON.stringify(result.diagnostics)}`);
      const out = result.value.json;
      const decoded = unescaped(out);
      for (const s of allSeeds)
        for (const f of [s.value, ...s.fragments])
          if (!original.includes(f)) {
            expect(out, `${file}: ${f}`).not.toContain(f);
            expect(decoded, `${file}: ${f}`).not.toContain(f);
          }
      for (const kind of redactionKinds) {
        expect(
          result.value.counts[kind],
          `${file}: ${kind}`,
        ).toBeGreaterThanOrEqual(minimum[kind]);
        if (minimum[kind] > 0) covered.add(kind);
      }
      expect(checkFlowRoundTrip(out).status).toBe("ok");
      expect(validationKeys(out)).toEqual(validationKeys(json));
    }
    expect(used).toBeGreaterThan(files.length * 0.9);
    // Shop domains are seeded by the hand-made workflow (redact-workflow.test.ts) only.
    expect([...covered].sort()).toEqual(
      redactionKinds.filter((k) => k !== "shop_domain").sort(),
    );
  }, 120_000);
});
