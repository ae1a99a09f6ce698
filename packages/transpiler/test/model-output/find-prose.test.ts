/**
 * `isProseLine` reads a line's words one at a time (a long line of code is decided by its
 * first words); it must answer exactly as the rule on the whole split line does.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isPythonKeyword } from "../../src/python/ast/identifiers.js";
import { isProseLine } from "../../src/model-output/find-prose.js";
import { runs } from "../laws.js";

const IDENTIFIER = /^[A-Za-z_]\w*$/;
const WORD = /^([A-Za-z][\w'’-]*)([,:;!?.]*)$/;
const keyword = (w: string): boolean =>
  isPythonKeyword(w) || ["match", "case", "type"].includes(w);

/** The rule as documented in find-prose.ts, on `split` words. */
function reference(line: string): boolean {
  if (/^(?:\d+[.)][ \t]+[A-Za-z*`]|>|\*\*|__[A-Za-z])/.test(line)) return true;
  const words = line.replace(/^[-*][ \t]+/, "").split(/[ \t]+/);
  const first = WORD.exec(words[0] ?? "");
  if (first === null) return false;
  const head = first[1] ?? "";
  if (keyword(head)) return false;
  if (/['’]/.test(head)) return true;
  if (words.length === 1 || words[1] === "")
    return /^(?:[!?]+|[:.]|!)$/.test(first[2] ?? "") && IDENTIFIER.test(head);
  for (let w = 0; w + 1 < words.length; w++) {
    const a = WORD.exec(words[w] ?? "");
    const b = WORD.exec(words[w + 1] ?? "");
    if (a === null || b === null) return false;
    if (/['’]/.test(b[1] ?? "")) return true;
    if (
      a[2] === "" &&
      !keyword(a[1] ?? "") &&
      !keyword(b[1] ?? "") &&
      IDENTIFIER.test(a[1] ?? "") &&
      IDENTIFIER.test(b[1] ?? "")
    )
      return true;
  }
  return false;
}

const line = fc
  .array(
    fc.constantFrom(
      "Here",
      "is",
      "the",
      "workflow",
      "workflow:",
      "Done.",
      "Okay!",
      "x",
      "=",
      "f(x)",
      "don't",
      "it’s",
      "if",
      "match",
      "1.",
      "-",
      "*",
      "**Note:**",
      ">",
      "#",
      " ",
      "  ",
      "\t",
      "a,",
      "b.",
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(""));

describe("isProseLine", () => {
  it("answers as the rule on the split line", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          line,
          fc.array(line).map((ls) => ls.join(" ")),
        ),
        (text) => {
          expect(isProseLine(text)).toBe(reference(text));
        },
      ),
      { numRuns: runs * 5 },
    );
  });

  it("knows prose and code apart on a few lines", () => {
    expect(isProseLine("Here is the workflow:")).toBe(true);
    expect(isProseLine("Okay!")).toBe(true);
    expect(isProseLine("x = f(x)")).toBe(false);
    expect(isProseLine("if x and y:")).toBe(false);
    expect(isProseLine(`x = ${"a + ".repeat(25_000)}1`)).toBe(false);
    expect(isProseLine("")).toBe(false);
    expect(isProseLine(" leading space")).toBe(false);
    expect(isProseLine("trailing space ")).toBe(true);
  });
});
