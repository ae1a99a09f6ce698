/**
 * `compile`, the inference-path entry (extract → fast parser → tolerant diagnostics when it
 * rejects → Flow workflow → catalog validation), fuzzed with `describeModelOutputFuzz`:
 * 10,000+ inputs per run by default (FLOWPY_RUNS scales them), each checked by
 * `outcomeProblems` and the 2 s hang guard. The regressions also run through the path
 * built from the lower-level public functions (`modelOutputPath`).
 */
import { describe, expect, it } from "vitest";
import { createCompiler } from "../../src/compile/compile.js";
import { propertyTimeout, runs } from "../laws.js";
import {
  checkInput,
  describeModelOutputFuzz,
  fuzzInputCount,
  modelOutputPath,
} from "../support/model-output-fuzz.js";

const compiler = await createCompiler();

describeModelOutputFuzz(
  "compile",
  (raw) => compiler.compile(raw),
  runs,
  propertyTimeout,
);

describe("fuzzing budget", () => {
  it("runs at least 10,000 inputs per default run", () => {
    expect(fuzzInputCount(Math.max(runs, 1000))).toBeGreaterThanOrEqual(10_000);
  });
});

/**
 * Inputs that once broke a rule, checked on every run. The fast parser rejects a final
 * backslash before \r\n that CPython (and `diagnoseAll`) accept, and takes hundreds of
 * milliseconds on 100 KB of `[` (it reports each unclosed bracket): the path must still
 * answer with a diagnostic, within the hang guard.
 */
describe("model-output path: fuzz regressions", () => {
  it.each([
    ["a final backslash before CRLF", "pass \\\r\n"],
    [
      "the same inside a workflow",
      '@workflow("x")\r\ndef main():\r\n    pass \\\r\n',
    ],
    ["100 KB of opening brackets", "[".repeat(100_000)],
  ])("%s", async (_name, raw) => {
    await checkInput(modelOutputPath, raw);
    await checkInput((r) => compiler.compile(r), raw);
  });
});
