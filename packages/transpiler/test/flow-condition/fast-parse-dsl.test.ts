/**
 * The fast path of `parseConditionDsl` agrees with the chevrotain path: whenever it answers,
 * the chevrotain path accepts the same text with the same value (compared as JSON text, so
 * key order counts too); whenever the chevrotain path rejects, it declines. It must also
 * answer for everything the printer writes and for every condition of the corpora, or the
 * speed it exists for is lost silently.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Condition } from "../../src/dialects/flow/condition/condition-ast.js";
import { fastParseConditionDsl } from "../../src/dialects/flow/condition/fast-parse-dsl.js";
import {
  chevrotainParseConditionDsl,
  parseConditionDsl,
} from "../../src/dialects/flow/condition/parse-dsl.js";
import { printConditionDsl } from "../../src/dialects/flow/condition/print-dsl.js";
import { corpusCases, errorCases, publicCases } from "../support/corpus.js";
import { conditionArb, runs } from "./arbitraries.js";

/** The agreement law for one text; returns the fast path's answer. */
function expectAgreement(text: string): Condition | undefined {
  const fast = fastParseConditionDsl(text);
  const full = chevrotainParseConditionDsl(text);
  if (fast !== undefined) {
    expect(full.ok, JSON.stringify(text)).toBe(true);
    expect(JSON.stringify(fast)).toBe(
      JSON.stringify(full.ok ? full.value : undefined),
    );
  } else if (!full.ok) {
    expect(parseConditionDsl(text)).toEqual(full);
  }
  return fast;
}

function print(c: Condition): string {
  const r = printConditionDsl(c);
  if (!r.ok) throw new Error(`unprintable: ${JSON.stringify(r.diagnostics)}`);
  return r.value;
}

const printed = conditionArb({ literalLhs: true, maxDepth: 4 }).map(print);

/** Small edits of a printed condition: near misses are where two lexers disagree. */
const nearMiss = fc
  .tuple(
    printed,
    fc.nat(),
    fc.constantFrom(
      "",
      " ",
      "\n",
      "\u00a0",
      "(",
      ")",
      "'",
      ".",
      "&",
      "|",
      "||",
      "&&",
      "=",
      "!",
      "<",
      ">=",
      "?",
      "-",
      "1",
      "0.",
      "a",
      "true",
      "in?",
      "nil?",
      "any?",
      "{{",
      "é",
    ),
    fc.boolean(),
  )
  .map(([text, at, insert, replace]) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + insert + text.slice(replace ? i + 1 : i);
  });

const soup = fc
  .array(
    fc.constantFrom(
      "(",
      ")",
      "&&",
      "||",
      "|",
      ".",
      "==",
      "!=",
      "<",
      "<=",
      ">",
      ">=",
      "in?",
      "not_in?",
      "include?",
      "nil?",
      "not_nil?",
      "empty_or_nil?",
      "any?",
      "all?",
      "none?",
      "a",
      "x_item",
      "order.tags",
      "true",
      "false",
      "trueish",
      "'s'",
      "'",
      "42",
      "-1.5",
      "1.",
      "-",
      "\t",
      "\n",
      " ",
      "",
    ),
    { maxLength: 24 },
  )
  .map((parts) => parts.join(" "));

describe("fastParseConditionDsl agrees with the chevrotain parser", () => {
  it("answers for every printed condition, with the chevrotain value", () => {
    fc.assert(
      fc.property(printed, (text) => {
        expect(expectAgreement(text)).toBeDefined();
      }),
      { numRuns: runs },
    );
  });

  it("agrees on near misses of printed conditions", () => {
    fc.assert(
      fc.property(nearMiss, (text) => {
        expectAgreement(text);
      }),
      { numRuns: runs * 2 },
    );
  });

  it("agrees on token soup and arbitrary text", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          soup,
          fc.string({ maxLength: 30 }),
          fc.string({ unit: "binary", maxLength: 20 }),
        ),
        (text) => {
          expectAgreement(text);
        },
      ),
      { numRuns: runs * 2 },
    );
  });

  it("answers for every condition in the corpora", () => {
    const files = [
      ...corpusCases().map((c) => c.document),
      ...publicCases().map((c) => c.file),
      ...errorCases()
        .filter((c) => c.kind === "json")
        .map((c) => c.input),
    ];
    const conditions = files.flatMap((file) => dslConditions(file));
    expect(conditions.length).toBeGreaterThan(50);
    for (const text of conditions) {
      const fast = expectAgreement(text);
      if (chevrotainParseConditionDsl(text).ok)
        expect(fast, JSON.stringify(text)).toBeDefined();
    }
  });
});

/** DSL-encoded values of `condition` config fields anywhere in a document file. */
function dslConditions(file: string): string[] {
  const text = readFileSync(file, "utf8").replace(/^[0-9A-Fa-f]{64}:/, "");
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  const pending: unknown[] = [document];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (Array.isArray(node)) pending.push(...(node as unknown[]));
    else if (node !== null && typeof node === "object") {
      const record = node as Record<string, unknown>;
      const value = record["value"];
      if (
        record["config_field_id"] === "condition" &&
        typeof value === "string" &&
        !value.trimStart().startsWith("{")
      )
        out.push(value);
      pending.push(...Object.values(record));
    }
  }
  return out;
}
