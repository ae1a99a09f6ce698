/**
 * A step output gets a variable (`x = call()`) exactly when a later value mentions it. Long
 * documents take another route to that answer (every word collected once instead of a
 * search per variable, see `usedIdentifiers`); both routes must agree.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { flowToPython, pythonToFlow } from "../../src/index.js";
import { corpusRoot } from "../support/corpus.js";

const original = readFileSync(
  `${corpusRoot}/admin-api/create-vip-discount-code/workflow.json`,
  "utf8",
);

/** The document with `filler` appended to the email subject and `message` as the email body. */
function variant(filler: string, message: string): string {
  const doc = JSON.parse(original) as {
    root: {
      steps: {
        config_field_values: { config_field_id: string; value: string }[];
      }[];
    };
  };
  for (const step of doc.root.steps) {
    for (const c of step.config_field_values) {
      if (c.config_field_id === "subject") c.value += filler;
      if (c.config_field_id === "message") c.value = message;
    }
  }
  return JSON.stringify(doc, null, 2);
}

function python(text: string): string {
  const r = flowToPython(text);
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  const back = pythonToFlow(r.value.python, { trivia: r.value.trivia });
  expect(back.ok && back.value.json).toBe(text);
  return r.value.python;
}

describe("step output variables", () => {
  // Long enough that steps × text length passes the search bound.
  const long =
    " lorem ipsum x9sendAdminApiRequest sendAdminApiRequests_".repeat(6_000);

  it.each([
    ["short", ""],
    ["long", long],
  ])("are assigned when mentioned (%s document)", (_, filler) => {
    const mentioned = python(
      variant(filler, "Discount {{ sendAdminApiRequest.id }}"),
    );
    expect(mentioned).toContain("sendAdminApiRequest = shopify.admin");
    const digits = python(variant(filler, "Discount 7sendAdminApiRequest"));
    expect(digits).toContain("sendAdminApiRequest = shopify.admin");
  });

  it.each([
    ["short", ""],
    ["long", long],
  ])("are not assigned otherwise (%s document)", (_, filler) => {
    for (const message of [
      "Discount {{ sendAdminApiRequests.id }}",
      "Discount {{ x_sendAdminApiRequest }}",
      "Discount a1sendAdminApiRequest",
    ]) {
      expect(python(variant(filler, message))).not.toContain(
        "sendAdminApiRequest = ",
      );
    }
  });
});
