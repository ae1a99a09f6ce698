import { sha256Hex } from "../sha256-hex.js";
import { QWEN3_TOKENIZER_MODEL } from "../render/qwen3-tokenizer.js";
import {
  checkpointGenerationConfig,
  serializeRow,
  type CheckpointGenerationConfig,
  type DatasetRow,
} from "./dataset-row.js";

/** A conversation that did not become a row, and why (listed in the card, never dropped silently). */
export interface RejectedRow {
  /** The source's id (e.g. the corpus workflow's path). */
  readonly id: string;
  /** The kind of conversation that was asked for (`create`, `edit`, …). */
  readonly variant: string;
  readonly code: string;
  readonly message: string;
}

export interface CardOptions {
  /** Dataset name shown in the card title. */
  readonly name: string;
  /** Seed the rows were shuffled with (recorded so the file can be rebuilt). */
  readonly seed: number;
  /** All task ids the agent could use; with it the card reports the share the rows cover. */
  readonly catalogTasks?: readonly string[];
  /** Conversations that were asked for but rejected; the card lists each with its reason. */
  readonly rejected?: readonly RejectedRow[];
}

export interface TokenStats {
  readonly total: number;
  readonly trained: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** The card's data; also written as JSON beside the dataset. Keys are in a fixed order. */
export interface DatasetCardData {
  readonly name: string;
  readonly format: "flowpy-sdk-rows/1";
  readonly rows: number;
  readonly seed: number;
  /** sha256 of the JSONL file's bytes: the rows in exactly this order. */
  readonly jsonl_sha256: string;
  /** The model whose tokenizer produced `input_ids`. */
  readonly tokenizer: string;
  readonly template_sha256: readonly string[];
  readonly tool_set_sha256: Readonly<Record<string, number>>;
  readonly enable_thinking: Readonly<Record<string, number>>;
  /** Rows by how their rendered text spells tool calls (`hermes-json`, `none`, `other`). */
  readonly tool_call_format: Readonly<Record<string, number>>;
  /** Each distinct checkpoint `generation_config.json` the rows call for, with its row count. */
  readonly generation_config: readonly {
    readonly rows: number;
    readonly config: CheckpointGenerationConfig;
  }[];
  readonly variants: Readonly<Record<string, number>>;
  /** Rejected conversations of each variant (all variants that were asked for appear). */
  readonly rejected_variants: Readonly<Record<string, number>>;
  readonly messages: Readonly<Record<string, number>>;
  readonly tool_calls: Readonly<Record<string, number>>;
  readonly tokens: TokenStats;
  readonly tasks: {
    readonly distinct: number;
    readonly catalog: number | null;
    /** Share of the catalog's tasks used by at least one row, when the catalog is known. */
    readonly coverage: number | null;
    readonly rows_per_task: Readonly<Record<string, number>>;
  };
  /** Every rejected conversation, ordered by id then variant. */
  readonly rejected: readonly RejectedRow[];
}

export interface DatasetCard {
  readonly data: DatasetCardData;
  /** `JSON.stringify(data, null, 2)` plus a newline. */
  readonly json: string;
  readonly markdown: string;
}

/** Nearest-rank percentile of an ascending list (0 for an empty one). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? 0;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function datasetCard(
  rows: readonly DatasetRow[],
  options: CardOptions,
): DatasetCard {
  const tally = cardTally();
  for (const r of rows) tally.add(r);
  return tally.card(
    sha256Hex(rows.map((r) => `${serializeRow(r)}\n`).join("")),
    options,
  );
}

/**
 * The card's counts gathered one row at a time, so a dataset written as a stream never has
 * all its rows in memory: per row it keeps only the token count (for the percentiles) and
 * counters keyed by the few distinct values of each field.
 */
export interface CardTally {
  add(row: DatasetRow): void;
  /** The card of the rows added so far; `jsonlSha256` is the sha256 of their file. */
  card(jsonlSha256: string, options: CardOptions): DatasetCard;
}

function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Counts with keys in code-unit order, so the card's bytes never depend on row order. */
function sortedCounts(
  counts: ReadonlyMap<string, number>,
): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a], [b]) => compare(a, b)));
}

export function cardTally(): CardTally {
  const lengths: number[] = [];
  let trained = 0;
  const templates = new Map<string, number>();
  const toolSets = new Map<string, number>();
  const thinking = new Map<string, number>();
  const callFormats = new Map<string, number>();
  const variants = new Map<string, number>();
  const roles = new Map<string, number>();
  const calls = new Map<string, number>();
  const tasks = new Map<string, number>();
  const generation = new Map<
    string,
    { rows: number; config: CheckpointGenerationConfig }
  >();
  return {
    add(r) {
      lengths.push(r.input_ids.length);
      trained += r.meta.trained_tokens;
      bump(templates, r.meta.template_sha256);
      bump(toolSets, r.meta.tool_set_sha256);
      bump(thinking, String(r.meta.enable_thinking));
      bump(callFormats, r.meta.tool_call_format);
      bump(variants, r.meta.variant);
      for (const m of r.messages) {
        bump(roles, m.role);
        if (m.role === "assistant")
          for (const c of m.tool_calls ?? []) bump(calls, c.function.name);
      }
      for (const t of new Set(r.meta.tasks)) bump(tasks, t);
      const config = checkpointGenerationConfig(r.meta.generation_config);
      const key = JSON.stringify(config);
      const entry = generation.get(key) ?? { rows: 0, config };
      entry.rows++;
      generation.set(key, entry);
    },
    card(jsonlSha256, options) {
      const sorted = [...lengths].sort((a, b) => a - b);
      const used = sortedCounts(tasks);
      const catalog =
        options.catalogTasks === undefined
          ? null
          : new Set(options.catalogTasks);
      const covered =
        catalog === null
          ? 0
          : Object.keys(used).filter((t) => catalog.has(t)).length;
      const rejected = [...(options.rejected ?? [])]
        .map((r) => ({
          id: r.id,
          variant: r.variant,
          code: r.code,
          message: r.message,
        }))
        .sort((a, b) => compare(a.id, b.id) || compare(a.variant, b.variant));
      const rejectedVariants = new Map<string, number>();
      for (const r of rejected) bump(rejectedVariants, r.variant);
      const data: DatasetCardData = {
        name: options.name,
        format: "flowpy-sdk-rows/1",
        rows: lengths.length,
        seed: options.seed,
        jsonl_sha256: jsonlSha256,
        tokenizer: QWEN3_TOKENIZER_MODEL,
        template_sha256: Object.keys(sortedCounts(templates)),
        tool_set_sha256: sortedCounts(toolSets),
        enable_thinking: sortedCounts(thinking),
        tool_call_format: sortedCounts(callFormats),
        generation_config: [...generation]
          .sort(([a], [b]) => compare(a, b))
          .map(([, entry]) => ({ rows: entry.rows, config: entry.config })),
        variants: sortedCounts(variants),
        rejected_variants: sortedCounts(rejectedVariants),
        messages: sortedCounts(roles),
        tool_calls: sortedCounts(calls),
        tokens: {
          total: sorted.reduce((a, b) => a + b, 0),
          trained,
          p50: percentile(sorted, 50),
          p90: percentile(sorted, 90),
          p99: percentile(sorted, 99),
          max: sorted.at(-1) ?? 0,
        },
        tasks: {
          distinct: Object.keys(used).length,
          catalog: catalog === null ? null : catalog.size,
          coverage:
            catalog === null || catalog.size === 0
              ? null
              : Math.round((covered / catalog.size) * 10000) / 10000,
          rows_per_task: used,
        },
        rejected,
      };
      return {
        data,
        json: `${JSON.stringify(data, null, 2)}\n`,
        markdown: cardMarkdown(data),
      };
    },
  };
}

function cell(text: string): string {
  return text === ""
    ? "(none)"
    : text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

function table(
  header: readonly [string, string],
  counts: Readonly<Record<string, number>>,
): string {
  const lines = Object.entries(counts).map(([k, v]) => `| ${cell(k)} | ${v} |`);
  return [`| ${header[0]} | ${header[1]} |`, "| --- | ---: |", ...lines].join(
    "\n",
  );
}

function variantTable(d: DatasetCardData): string {
  const names = [
    ...new Set([
      ...Object.keys(d.variants),
      ...Object.keys(d.rejected_variants),
    ]),
  ].sort(compare);
  return [
    "| variant | rows | rejected |",
    "| --- | ---: | ---: |",
    ...names.map(
      (v) =>
        `| ${cell(v)} | ${d.variants[v] ?? 0} | ${d.rejected_variants[v] ?? 0} |`,
    ),
  ].join("\n");
}

function rejectedTable(d: DatasetCardData): string {
  if (d.rejected.length === 0)
    return "None: every conversation asked for is a row.";
  return [
    "| id | variant | code | reason |",
    "| --- | --- | --- | --- |",
    ...d.rejected.map(
      (r) =>
        `| ${cell(r.id)} | ${cell(r.variant)} | ${cell(r.code)} | ${cell(r.message)} |`,
    ),
  ].join("\n");
}

function generationLines(d: DatasetCardData): string {
  if (d.generation_config.length === 0) return "No rows.";
  return d.generation_config
    .map((g) => `- ${g.rows} rows: \`${JSON.stringify(g.config)}\``)
    .join("\n");
}

function cardMarkdown(d: DatasetCardData): string {
  const t = d.tokens;
  const coverage =
    d.tasks.coverage === null
      ? `${d.tasks.distinct} distinct tasks (catalog not given)`
      : `${d.tasks.distinct} distinct tasks; ${Object.keys(d.tasks.rows_per_task).length === 0 ? 0 : (d.tasks.coverage * 100).toFixed(2)}% of the ${d.tasks.catalog} catalog tasks`;
  return [
    `# Dataset card: ${d.name}`,
    "",
    `Format \`${d.format}\`: one JSON object per line with \`messages\` (OpenAI chat messages), \`tools\` (the OpenAI tools array as JSON text), \`input_ids\` and \`assistant_masks\` (Qwen3 tokens of the conversation rendered with the pinned chat template; 1 = trained) and \`meta\`.`,
    "",
    "## Summary",
    "",
    `- Rows: ${d.rows} (seed ${d.seed}); ${d.rejected.length} rejected`,
    `- File sha256: \`${d.jsonl_sha256}\``,
    `- Tokenizer: ${d.tokenizer}`,
    `- Chat template sha256: ${d.template_sha256.map((h) => `\`${h}\``).join(", ")}`,
    `- Tokens: ${t.total} in all, ${t.trained} trained; per row p50 ${t.p50}, p90 ${t.p90}, p99 ${t.p99}, max ${t.max}`,
    `- Task coverage: ${coverage}`,
    "",
    "## Tool sets (sha256 of the `<tools>` lines)",
    "",
    table(["tool set", "rows"], d.tool_set_sha256),
    "",
    "## Thinking mode",
    "",
    table(["enable_thinking", "rows"], d.enable_thinking),
    "",
    "## Tool-call format of the rendered rows",
    "",
    table(["format", "rows"], d.tool_call_format),
    "",
    "## Checkpoint generation_config.json",
    "",
    generationLines(d),
    "",
    "## Variants",
    "",
    variantTable(d),
    "",
    "## Messages by role",
    "",
    table(["role", "messages"], d.messages),
    "",
    "## Tool calls",
    "",
    table(["tool", "calls"], d.tool_calls),
    "",
    "## Tasks",
    "",
    table(["task", "rows"], d.tasks.rows_per_task),
    "",
    "## Rejected",
    "",
    rejectedTable(d),
    "",
  ].join("\n");
}
