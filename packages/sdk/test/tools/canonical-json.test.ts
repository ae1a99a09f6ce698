import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonValue } from "../../src/index.js";
import {
  formatNumber,
  toolArgumentsLayout,
  toolResponseLayout,
  writeJson,
} from "../../src/index.js";

const runs = Number(process.env["FLOWPY_RUNS"] ?? 1000);

/** Python's json.dumps(json.loads(text)) for each text, with the layout's separators. */
function pythonReprint(
  texts: readonly string[],
  separators: readonly [string, string],
): readonly string[] {
  const script = [
    "import json, sys",
    `sep = (${JSON.stringify(separators[0])}, ${JSON.stringify(separators[1])})`,
    "for line in sys.stdin:",
    "    text = json.loads(line)",
    "    print(json.dumps(json.dumps(json.loads(text), ensure_ascii=False, separators=sep)))",
  ].join("\n");
  const out = execFileSync("python3", ["-c", script], {
    input: texts.map((t) => JSON.stringify(t)).join("\n") + "\n",
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return out
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l) as string);
}

const loneSurrogate = /\p{Cs}/u;
const wellFormed = (v: JsonValue): boolean =>
  !loneSurrogate.test(JSON.stringify(v));

describe("canonical JSON", () => {
  it("spells numbers so Python re-prints them unchanged and they read back equal", () => {
    const fixed = [
      0.1,
      1e-7,
      1e16,
      1e21,
      1e22,
      123456789012345680,
      5e-324,
      1.5,
      -0,
      2 ** 53,
      2 ** 53 + 2,
      1e-5,
      0.0001,
      123.456,
      -9.75e-10,
    ];
    const sampled = fc.sample(
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      { numRuns: runs, seed: 7 },
    );
    const numbers = [
      ...fixed,
      ...sampled,
      ...fc.sample(fc.integer(), { numRuns: 100, seed: 8 }),
    ];
    const texts = numbers.map(formatNumber);
    expect(pythonReprint(texts, [", ", ": "])).toEqual(texts);
    numbers.forEach((n, i) => expect(Number(texts[i])).toBe(n === 0 ? 0 : n));
    expect(texts.slice(0, 5)).toEqual([
      "0.1",
      "1e-07",
      "1e+16",
      "1e+21",
      "1e+22",
    ]);
  });

  it("is a fixed point of Python's json.dumps for any JSON value, in both layouts", () => {
    const values = fc
      .sample(fc.jsonValue(), { numRuns: runs, seed: 11 })
      // Through JSON text: the writer's input type is the SDK's readonly JsonValue.
      .map((v) => JSON.parse(JSON.stringify(v)) as JsonValue)
      .filter(wellFormed);
    for (const [layout, seps] of [
      [toolArgumentsLayout, [", ", ": "]],
      [toolResponseLayout, [",", ":"]],
    ] as const) {
      const texts = values.map((v) => writeJson(v, layout));
      expect(pythonReprint(texts, seps)).toEqual(texts);
      texts.forEach((t, i) =>
        expect(JSON.parse(t)).toEqual(JSON.parse(JSON.stringify(values[i]))),
      );
    }
  });

  it("writes keys in the given order and characters unescaped", () => {
    expect(writeJson({ b: 1, a: ["é", "<&>"] }, toolResponseLayout)).toBe(
      '{"b":1,"a":["é","<&>"]}',
    );
    expect(writeJson({ b: 1, a: [true, null] }, toolArgumentsLayout)).toBe(
      '{"b": 1, "a": [true, null]}',
    );
  });
});
