import fc from "fast-check";

/**
 * Programs with one to three small edits: at a position, remove up to three characters and
 * insert one of `inserts`. Text a model nearly got right, where two parsers most easily
 * disagree about what is an error.
 */
export function nearMissArbitrary(
  programs: readonly string[],
  inserts: fc.Arbitrary<string>,
): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(...programs),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), inserts), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([program, edits]) => {
      let text = program;
      for (const [at, remove, insert] of edits) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + insert + text.slice(i + remove);
      }
      return text;
    });
}
