/**
 * The production parser skips chevrotain's grammar validations (they cost two thirds of
 * its construction); this runs them, so a grammar change that chevrotain rejects (an
 * ambiguous alternative, left recursion, a duplicate occurrence index) still fails here.
 */
import { describe, expect, it } from "vitest";
import { PythonParser } from "../../src/python/parse/grammar.js";
import { getPythonParser } from "../../src/python/parse/parser-instance.js";

describe("the chevrotain grammar", () => {
  it("passes chevrotain's grammar validations", () => {
    // Chevrotain throws "Parser Definition Errors detected" when one fails.
    expect(() => new PythonParser({ validate: true })).not.toThrow();
  });

  it("is the same grammar with and without them", () => {
    expect(getPythonParser().getSerializedGastProductions()).toEqual(
      new PythonParser({ validate: true }).getSerializedGastProductions(),
    );
  });
});
