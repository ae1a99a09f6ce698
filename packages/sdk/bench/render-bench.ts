/**
 * `pnpm bench` (SDK part): training rows rendered with the Qwen3 template and tokenized with
 * assistant masks, per second on one core (Node runs this on one thread). Each figure is the
 * median of BENCH_ROUNDS rounds over the same rows; tokenizer loading is measured apart.
 *
 * The rows are agent conversations shaped like the trajectory builder's (system prompt,
 * three tools, searches, configuration, submission, final answer) with varied text; then the
 * corpus's own create trajectories, tokenized as a dataset build does (segment cache, cold
 * and warm). Last, the tokens the summary → detail tool design saves over the corpus's
 * task searches.
 *
 * Options (env): BENCH_ROUNDS (default 7), BENCH_ROWS (default 200).
 */
import { performance } from "node:perf_hooks";
import {
  buildDatasetRow,
  buildTrajectory,
  createToolbox,
  createTrajectoryEnvironment,
  measureSummaryDesign,
  plannedTaskSearches,
  qwen3Tokenizer,
  renderConversation,
  segmentCachingTokenizer,
  tokenizeRow,
  type Conversation,
  type Qwen3Tokenizer,
  type SummaryDesignQuery,
} from "../src/index.js";
import { createConversation } from "../test/dataset/conversations.js";
import { corpusWorkflows } from "../test/trajectory/corpus-workflows.js";

const ROUNDS = Number(process.env["BENCH_ROUNDS"] ?? 7);
const ROWS = Number(process.env["BENCH_ROWS"] ?? 200);

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

const words = [
  "VIP",
  "Wholesale",
  "Repeat buyer",
  "Gift",
  "Fraud check",
  "Local pickup",
];
const conversations: Conversation[] = Array.from({ length: ROWS }, (_, i) => {
  const tag = `${words[i % words.length] ?? "x"} ${i}`;
  return createConversation(
    `When an order is paid and its total is over ${100 + i}, tag it "${tag}" and tell the team.`,
    tag,
  );
});

const t0 = performance.now();
const tokenizer = qwen3Tokenizer();
const loadMs = performance.now() - t0;

function round(fn: (c: Conversation) => number): {
  perSecond: number;
  units: number;
} {
  const start = performance.now();
  let units = 0;
  for (const c of conversations) units += fn(c);
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: conversations.length / seconds, units: units / seconds };
}

const renderOnly = (c: Conversation): number => {
  const r = renderConversation(c, {
    enableThinking: true,
    addGenerationPrompt: false,
  });
  if (!r.ok) throw new Error(r.diagnostics[0]?.message);
  return r.value.length;
};
const renderAndTokenize = (c: Conversation): number => {
  const r = tokenizeRow(c, { enableThinking: true }, undefined, tokenizer);
  if (!r.ok) throw new Error(r.diagnostics[0]?.message);
  return r.value.input_ids.length;
};

// Warm-up, then measured rounds.
round(renderOnly);
round(renderAndTokenize);
const render = Array.from({ length: ROUNDS }, () => round(renderOnly));
const full = Array.from({ length: ROUNDS }, () => round(renderAndTokenize));

// The corpus's create trajectories, rows built as `buildCorpusDataset` builds them.
const env = await createTrajectoryEnvironment();
const workflows = corpusWorkflows();
const corpus: Conversation[] = workflows.flatMap(({ text }, i) => {
  const t = buildTrajectory(
    { workflow: text, variant: "create", seed: i },
    env,
  );
  return t.ok ? [t.value.conversation] : [];
});
function corpusRound(tok: Qwen3Tokenizer): {
  perSecond: number;
  tokens: number;
} {
  const start = performance.now();
  let tokens = 0;
  for (const c of corpus) {
    const r = buildDatasetRow(
      c,
      { id: "bench", source: "bench", variant: "create", tasks: [] },
      { enableThinking: true, tokenizer: tok },
    );
    if (!r.ok) throw new Error(r.diagnostics[0]?.message);
    tokens += r.value.input_ids.length;
  }
  const seconds = (performance.now() - start) / 1000;
  return { perSecond: corpus.length / seconds, tokens: tokens / seconds };
}
const uncached = Array.from({ length: ROUNDS }, () => corpusRound(tokenizer));
const cold = Array.from({ length: ROUNDS }, () =>
  corpusRound(segmentCachingTokenizer(tokenizer)),
);
const warmTokenizer = segmentCachingTokenizer(tokenizer);
corpusRound(warmTokenizer);
const warm = Array.from({ length: ROUNDS }, () => corpusRound(warmTokenizer));

// Summary → detail: task_search answers as served against answers carrying full schemas.
const queries: SummaryDesignQuery[] = [];
workflows.forEach(({ text }, i) => {
  const planned = plannedTaskSearches(text, env, i);
  if (planned.ok) queries.push(...planned.value);
});
const design = measureSummaryDesign(
  createToolbox({
    toolSet: env.toolSet,
    catalog: env.catalog,
    compiler: env.compiler,
    ...(env.indexes ? { indexes: env.indexes } : {}),
  }),
  queries,
  (text) => warmTokenizer.encode(text).length,
);
const saved = design.fullTokens - design.twoStepTokens;

const tokensPerRow =
  conversations.reduce((n, c) => n + renderAndTokenize(c), 0) /
  conversations.length;
const lines = [
  `SDK rendering bench: ${ROWS} rows, median of ${ROUNDS} rounds, one core`,
  `  tokenizer load:                    ${loadMs.toFixed(0)} ms (once per process)`,
  `  render only (prompt text):         ${median(render.map((r) => r.perSecond)).toFixed(0)} rows/s`,
  `  render + tokenize + masks (rows):  ${median(full.map((r) => r.perSecond)).toFixed(0)} rows/s, ${median(full.map((r) => r.units)).toFixed(0)} tokens/s`,
  `  mean row length:                   ${tokensPerRow.toFixed(0)} tokens`,
  `  corpus create rows (${corpus.length}), as a dataset build tokenizes them:`,
  `    no segment cache:                  ${median(uncached.map((r) => r.perSecond)).toFixed(0)} rows/s, ${median(uncached.map((r) => r.tokens)).toFixed(0)} tokens/s`,
  `    cold segment cache:                ${median(cold.map((r) => r.perSecond)).toFixed(0)} rows/s, ${median(cold.map((r) => r.tokens)).toFixed(0)} tokens/s`,
  `    warm segment cache:                ${median(warm.map((r) => r.perSecond)).toFixed(0)} rows/s, ${median(warm.map((r) => r.tokens)).toFixed(0)} tokens/s`,
  `  summary → detail tool design over ${design.queries} corpus task searches (${design.hits} hits):`,
  `    search answers with full schemas:  ${design.fullTokens} tokens (${(design.fullTokens / design.queries).toFixed(0)}/search)`,
  `    summaries + the one configuration: ${design.twoStepTokens} tokens (${(design.twoStepTokens / design.queries).toFixed(0)}/search)`,
  `    tokens saved:                      ${saved} (${(saved / design.queries).toFixed(0)}/search, ${((saved / design.fullTokens) * 100).toFixed(1)}%; full/two-step ${design.ratio.toFixed(2)}x)`,
];
process.stdout.write(`${lines.join("\n")}\n`);
