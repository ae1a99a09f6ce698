/**
 * `pnpm bench` (SDK part): training rows rendered with the Qwen3 template and tokenized with
 * assistant masks, per second on one core (Node runs this on one thread). Each figure is the
 * median of BENCH_ROUNDS rounds over the same rows; tokenizer loading is measured apart.
 *
 * The rows are agent conversations shaped like the trajectory builder's (system prompt,
 * three tools, searches, configuration, submission, final answer) with varied text.
 *
 * Options (env): BENCH_ROUNDS (default 7), BENCH_ROWS (default 200).
 */
import { performance } from "node:perf_hooks";
import {
  qwen3Tokenizer,
  renderConversation,
  tokenizeRow,
  type Conversation,
} from "../src/index.js";
import { createConversation } from "../test/dataset/conversations.js";

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

const tokensPerRow =
  conversations.reduce((n, c) => n + renderAndTokenize(c), 0) /
  conversations.length;
const lines = [
  `SDK rendering bench: ${ROWS} rows, median of ${ROUNDS} rounds, one core`,
  `  tokenizer load:                    ${loadMs.toFixed(0)} ms (once per process)`,
  `  render only (prompt text):         ${median(render.map((r) => r.perSecond)).toFixed(0)} rows/s`,
  `  render + tokenize + masks (rows):  ${median(full.map((r) => r.perSecond)).toFixed(0)} rows/s, ${median(full.map((r) => r.units)).toFixed(0)} tokens/s`,
  `  mean row length:                   ${tokensPerRow.toFixed(0)} tokens`,
];
process.stdout.write(`${lines.join("\n")}\n`);
