import fc from "fast-check";

/**
 * A property whose expected answers come from an outside oracle (CPython) that is too slow
 * to call once per run: the runs are first sampled with a fixed seed and answered in one
 * batch, then `fc.assert` replays the same seed, so a failure reports the seed and the
 * counterexample as usual. Shrunk values the oracle never saw are skipped, so the reported
 * counterexample is the first failing sample, unshrunk.
 */
export async function assertAgainstOracle<T, A>(
  arbitrary: fc.Arbitrary<T>,
  ask: (samples: readonly T[]) => Promise<readonly A[]>,
  check: (value: T, answer: A) => void,
): Promise<void> {
  const numRuns = Number(process.env["FLOWPY_RUNS"] ?? 1000);
  const seed =
    process.env["FLOWPY_SEED"] === undefined
      ? (Date.now() ^ (Math.random() * 0x100000000)) | 0
      : Number(process.env["FLOWPY_SEED"]);
  const samples = fc.sample(arbitrary, { seed, numRuns });
  const answers = await ask(samples);
  const byValue = new Map<string, A>();
  samples.forEach((s, i) => {
    const answer = answers[i];
    if (answer !== undefined) byValue.set(JSON.stringify(s), answer);
  });
  fc.assert(
    fc.property(arbitrary, (value) => {
      const answer = byValue.get(JSON.stringify(value));
      if (answer !== undefined) check(value, answer);
    }),
    { seed, numRuns },
  );
}
