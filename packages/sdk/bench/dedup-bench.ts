/**
 * `pnpm bench` (dedup part): workflow keys per second over the corpus, and grouped splits,
 * exact dedup and contamination over synthetic item sets of 10,000 and 100,000 items shaped
 * like production data: merchants with four workflows on average, most of them their own,
 * 5% installed templates whose popularity is skewed, so that the merchants sharing the
 * popular templates form one giant component. A third, dense set (10% templates, the other
 * shapes shared by chance between merchants) shows the graph percolating: almost every
 * item lands in one component, which goes to train, and the report says so. Memory is the heap retained by the split assignment
 * (measured with `--expose-gc`), against the number of distinct merchants + fingerprints.
 *
 * Options (env): BENCH_ROUNDS (default 5).
 */
import { performance } from "node:perf_hooks";
import {
  assignSplits,
  contaminationReport,
  dedupeExact,
  workflowKeys,
  type SplitItem,
} from "../src/index.js";
import { seededRandom } from "../src/dataset/write-dataset.js";
import { corpusWorkflows } from "../test/trajectory/corpus-workflows.js";

const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 5);
const gc = (globalThis as { gc?: () => void }).gc;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

interface Item extends SplitItem {
  readonly exactKey: string;
}

function items(count: number, dense: boolean): Item[] {
  const random = seededRandom(count);
  const out: Item[] = [];
  const merchants = Math.ceil(count / 4);
  for (let i = 0; i < count; i++) {
    const merchant = Math.floor(random() * merchants);
    // 5% are installed templates, log-uniform over 2,000 (a few are everywhere); the rest
    // are the merchant's own, so they tie nobody else.
    // Dense: 10% templates and the other shapes shared by chance across merchants.
    const fingerprint =
      random() < (dense ? 0.1 : 0.05)
        ? `template-${Math.floor(Math.exp(random() * Math.log(2000)))}`
        : dense
          ? `shape-${Math.floor(random() * count * 0.8)}`
          : `own-${merchant}-${i % 7}`;
    out.push({
      id: `w${String(i).padStart(7, "0")}`,
      merchant: `m${merchant}`,
      fingerprint,
      exactKey: `${fingerprint}/${Math.floor(random() * 3)}`,
    });
  }
  return out;
}

// Keys over the corpus.
const corpus = corpusWorkflows();
const keyRates: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const t = performance.now();
  for (const w of corpus) workflowKeys(w.text);
  keyRates.push(corpus.length / ((performance.now() - t) / 1000));
}
console.log(
  `workflowKeys: ${Math.round(median(keyRates))} workflows/s over ${corpus.length} corpus workflows (exact key + fingerprint, one read)`,
);

const ratios = { train: 0.8, eval: 0.1, test: 0.1 };
for (const [n, dense] of [
  [10_000, false],
  [100_000, false],
  [100_000, true],
] as const) {
  const data = items(n, dense);
  const splitTimes: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    assignSplits(data, { seed: r, ratios });
    splitTimes.push(performance.now() - t);
  }
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = assignSplits(data, { seed: 1, ratios });
  gc?.();
  const retained = process.memoryUsage().heapUsed - before;
  const { report } = kept;

  const dedupTimes: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    const dedup = await dedupeExact(
      () => data,
      (x) => x,
    );
    let seen = 0;
    for await (const o of dedup.outcomes()) if (o.kind === "kept") seen++;
    if (seen !== dedup.report.kept) throw new Error("dedup count mismatch");
    dedupTimes.push(performance.now() - t);
  }
  const evalSet = data.filter((_, i) => i % 100 === 0);
  const contaminationTimes: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    contaminationReport(data, evalSet);
    contaminationTimes.push(performance.now() - t);
  }
  const [giant] = report.largestComponents;
  console.log(
    [
      `${n} items${dense ? " (dense sharing)" : ""}, ${report.merchants} merchants, ${report.fingerprints} fingerprints, ${report.components} components`,
      `  assignSplits: ${median(splitTimes).toFixed(0)} ms; retained ${gc === undefined ? "n/a (run with --expose-gc)" : `${(retained / 1024 / 1024).toFixed(1)} MB (${(retained / (report.merchants + report.fingerprints)).toFixed(0)} B per merchant+fingerprint, id index included)`}`,
      `  achieved ${(["train", "eval", "test"] as const).map((s) => `${s} ${(report.perSplit[s].achieved * 100).toFixed(2)}%`).join(", ")}; max deviation ${(report.maxDeviation * 100).toFixed(3)}% (bound ${(report.tolerance * 100).toFixed(3)}%); straddling ${report.straddling.merchants + report.straddling.fingerprints}`,
      `  largest component: ${giant?.items ?? 0} items, ${giant?.merchants ?? 0} merchants → ${giant?.split ?? "-"}${giant?.oversized === true ? " (oversized)" : ""}`,
      `  dedupeExact (two passes): ${median(dedupTimes).toFixed(0)} ms`,
      `  contaminationReport vs ${evalSet.length} eval items: ${median(contaminationTimes).toFixed(0)} ms`,
    ].join("\n"),
  );
}
