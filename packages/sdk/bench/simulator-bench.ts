/**
 * `pnpm bench`, simulator section: events executed per second on a small and a large
 * corpus workflow (one simulator built once, then run on every event), plus the cost of
 * generating the events and of one equivalence check. Each figure is the median of
 * BENCH_ROUNDS rounds (default 7). BENCH_SIM_JSON=path also writes the figures as JSON.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { bundledCatalog } from "@flowpy/transpiler";
import {
  createSimulator,
  equivalent,
  generateEvents,
  readWorkflow,
  type TriggerEvent,
} from "../src/index.js";

const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 7);
const corpus = join(import.meta.dirname, "../../../corpus");
const catalog = bundledCatalog();

const subjects = [
  { label: "small", path: "order-tagging/tag-high-value-orders/workflow.json" },
  {
    label: "large",
    path: "graph-shapes/large-order-routing-by-destination/workflow.flow",
  },
];

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

interface Figures {
  readonly workflow: string;
  readonly steps: number;
  readonly events: number;
  readonly eventsPerSecond: number;
  readonly generateMs: number;
  readonly equivalentMs: number;
}

const results: Figures[] = [];
for (const { label, path } of subjects) {
  const read = readWorkflow(readFileSync(join(corpus, path), "utf8"));
  if (!read.ok)
    throw new Error(`${path}: ${read.diagnostics[0]?.message ?? "unreadable"}`);
  const workflow = read.value;
  const generated: TriggerEvent[] = [];
  const generateTimes: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    const g = generateEvents(workflow, { catalog, seed: r + 1, count: 200 });
    generateTimes.push(performance.now() - t);
    if (r === 0) generated.push(...g.events);
  }
  const run = createSimulator(workflow, { catalog });
  for (const e of generated) run(e);
  const rates: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    for (const e of generated) run(e);
    rates.push(generated.length / ((performance.now() - t) / 1000));
  }
  const eqTimes: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    equivalent(workflow, workflow, { events: generated, catalog });
    eqTimes.push(performance.now() - t);
  }
  results.push({
    workflow: `${label} (${path.split("/")[1] ?? path})`,
    steps: workflow.steps.length,
    events: generated.length,
    eventsPerSecond: Math.round(median(rates)),
    generateMs: Math.round(median(generateTimes)),
    equivalentMs: Math.round(median(eqTimes)),
  });
}

console.log(`\nSimulator (median of ${ROUNDS} rounds):`);
console.log(
  "workflow                                          steps  events  events/s  generate ms  equivalent ms",
);
for (const f of results)
  console.log(
    `${f.workflow.padEnd(50)}${String(f.steps).padStart(5)}${String(f.events).padStart(8)}${String(f.eventsPerSecond).padStart(10)}${String(f.generateMs).padStart(13)}${String(f.equivalentMs).padStart(15)}`,
  );
const out = process.env["BENCH_SIM_JSON"];
if (out !== undefined)
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
