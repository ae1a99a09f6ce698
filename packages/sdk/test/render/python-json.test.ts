import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  pythonFloatRepr,
  pythonJsonFromText,
  pythonJsonFromValue,
  sdkCodes,
} from "../../src/index.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

/** Runs a Python function over a batch of inputs in one process (Python is the oracle). */
function python(body: string, inputs: readonly unknown[]): unknown[] {
  const run = spawnSync(
    "python3",
    [
      "-c",
      `import json, sys\ndef f(x):\n${body}\nsys.stdout.write(json.dumps([f(x) for x in json.load(sys.stdin)]))`,
    ],
    { input: JSON.stringify(inputs), encoding: "utf8", timeout: 60_000 },
  );
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as unknown[];
}

const numberLexeme = fc
  .tuple(
    fc.boolean(),
    fc.oneof(fc.constant("0"), fc.bigInt(1n, 10n ** 25n).map(String)),
    fc.option(fc.stringMatching(/^[0-9]{1,20}$/), { nil: undefined }),
    fc.option(fc.integer({ min: -330, max: 330 }), { nil: undefined }),
  )
  .map(
    ([neg, whole, fraction, exponent]) =>
      `${neg ? "-" : ""}${whole}${fraction === undefined ? "" : `.${fraction}`}${exponent === undefined ? "" : `e${exponent}`}`,
  );

describe("Python JSON spelling", () => {
  it("spells doubles like Python's repr", () => {
    const xs = fc.sample(
      fc.oneof(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer().map((n) => n / 1000),
        fc.constantFrom(
          -0,
          1e-4,
          1e-5,
          1e15,
          1e16,
          123456789012345680000,
          5e-324,
        ),
      ),
      runs,
    );
    const expected = python(
      "    return repr(float(x))",
      xs.map((x) => (Object.is(x, -0) ? "-0.0" : String(x))),
    );
    expect(xs.map(pythonFloatRepr)).toEqual(expected);
  });

  it("re-prints JSON text exactly as json.dumps(json.loads(text), ensure_ascii=False)", () => {
    const texts = fc.sample(
      fc.oneof(
        fc
          .jsonValue({ stringUnit: "grapheme" })
          .chain((v) =>
            fc.constantFrom(JSON.stringify(v), JSON.stringify(v, null, 2)),
          ),
        fc.array(numberLexeme, { maxLength: 6 }).map((a) => `[${a.join(",")}]`),
      ),
      runs,
    );
    // Python 3.11 refuses ints longer than 4300 digits; no generated lexeme gets close.
    const expected = python(
      "    return json.dumps(json.loads(x), ensure_ascii=False)",
      texts,
    );
    const ours = texts.map((t) => {
      const r = pythonJsonFromText(t);
      return r.ok ? r.value : r.diagnostics;
    });
    expect(ours).toEqual(expected);
  });

  it("keeps the spelling the text chose for integral floats and big integers", () => {
    const r = pythonJsonFromText(
      '{"a":1.0,"b":1E2,"c":12345678901234567890,"d":-0}',
    );
    expect(r.ok && r.value).toBe(
      '{"a": 1.0, "b": 100.0, "c": 12345678901234567890, "d": 0}',
    );
  });

  it("reports invalid JSON, lone surrogates and non-finite numbers as diagnostics", () => {
    const bad = pythonJsonFromText("{query: 1}", ["arguments"]);
    expect(bad.ok).toBe(false);
    expect(bad.diagnostics[0]?.code).toBe(sdkCodes.renderInvalidJson);
    const lone = pythonJsonFromText('{"q": "\\ud800"}');
    expect(lone.diagnostics[0]).toMatchObject({
      code: sdkCodes.renderLoneSurrogate,
      path: ["q"],
    });
    const inf = pythonJsonFromValue({ a: [1, Number.POSITIVE_INFINITY] });
    expect(inf.diagnostics[0]).toMatchObject({
      code: sdkCodes.renderNonFiniteNumber,
      path: ["a", 1],
    });
  });
});
