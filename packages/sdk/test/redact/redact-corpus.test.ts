import { checkFlowRoundTrip, findWorkflowFiles } from "@flowpy/transpiler";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  createRedactor,
  createTrajectoryEnvironment,
  redactionKinds,
  type Redaction,
  type RedactionKind,
} from "../../src/index.js";
import {
  documentBody,
  trajectoryRefusals,
  unescaped,
  unredact,
  validationKeys,
} from "./checks.js";
import { seedDocument as seed, type Json } from "./seed-document.js";
import { allSeeds, exportForm } from "./seeds.js";

const corpusDir = fileURLToPath(new URL("../../../../corpus", import.meta.url));
const files = findWorkflowFiles(corpusDir) ?? [];
const redactor = createRedactor({ salt: "corpus-review" });
const env = await createTrajectoryEnvironment();

const body = documentBody;

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
    let accepted = 0;
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
      const trip = checkFlowRoundTrip(out);
      expect(trip.status, file).toBe("ok");
      expect(trip.lossless?.exactText, file).toBe(true);
      expect(validationKeys(out)).toEqual(validationKeys(json));
      // Neither seeding nor redaction changes whether (or why) the trajectory builder
      // takes the workflow: the only refusals are the original's own.
      const refused = trajectoryRefusals(original, env);
      expect(trajectoryRefusals(json, env), file).toEqual(refused);
      expect(trajectoryRefusals(out, env), file).toEqual(refused);
      if (refused.length === 0) accepted += 1;
    }
    expect(used).toBeGreaterThan(files.length * 0.9);
    expect(accepted).toBeGreaterThan(files.length * 0.9);
    // Shop domains are seeded by the hand-made workflow (redact-workflow.test.ts) only.
    expect([...covered].sort()).toEqual(
      redactionKinds.filter((k) => k !== "shop_domain").sort(),
    );
  }, 120_000);
});
