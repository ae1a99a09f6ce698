import { describe, expect, it } from "vitest";
import {
  buildDatasetRow,
  percentile,
  readDatasetJsonl,
  sdkCodes,
  serializeRow,
  templateInput,
  toolSetSha256,
  writeDataset,
  checkpointGenerationConfig,
  qwen3GenerationDefaults,
  sha256Hex,
  QWEN3_TEMPLATE_SHA256,
  QWEN3_TOKENIZER_MODEL,
  type DatasetRow,
} from "../../src/index.js";
import { columnConflicts } from "./arrow-columns.js";
import { createConversation, taskIds } from "./conversations.js";

const tags = ["VIP", "GOLD", "NEW", "BIG", "LOCAL", "EU"];

function rows(): DatasetRow[] {
  return tags.map((tag, i) => {
    const r = buildDatasetRow(
      createConversation(`Tag paid orders with ${tag}`, tag),
      {
        id: `row-${i}`,
        source: `corpus/${tag}.json`,
        variant: i % 2 === 0 ? "create" : "edit",
        tasks: i === 0 ? [taskIds[0] ?? ""] : taskIds,
      },
      { enableThinking: i % 3 !== 0 },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    return r.value;
  });
}

describe("dataset rows", () => {
  it("carry ids, masks and the hashes of what the model sees", () => {
    const [row] = rows();
    if (row === undefined) throw new Error("no row");
    const conv = createConversation("Tag paid orders with VIP", "VIP");
    const input = templateInput(conv);
    expect(input.ok).toBe(true);
    if (!input.ok) return;
    expect(row.meta.template_sha256).toBe(QWEN3_TEMPLATE_SHA256);
    expect(row.meta.tool_set_sha256).toBe(toolSetSha256(input.value.toolLines));
    expect(row.meta.tokens).toBe(row.input_ids.length);
    expect(row.meta.trained_tokens).toBe(
      row.assistant_masks.filter((m) => m === 1).length,
    );
    expect(row.meta.trained_tokens).toBeGreaterThan(0);
    expect(JSON.parse(row.tools)).toEqual(conv.tools);
  });
});

describe("writeDataset", () => {
  it("is byte-identical for the same rows and seed, whatever key order the inputs used", () => {
    const a = writeDataset(rows(), { name: "t", seed: 7, shuffle: true });
    const scrambled = rows().map((r) => ({
      meta: { ...r.meta },
      assistant_masks: r.assistant_masks,
      input_ids: r.input_ids,
      tools: r.tools,
      messages: r.messages.map(
        (m) => Object.fromEntries(Object.entries(m).reverse()) as typeof m,
      ),
    }));
    const b = writeDataset(scrambled, { name: "t", seed: 7, shuffle: true });
    expect(b.jsonl).toBe(a.jsonl);
    expect(b.card.json).toBe(a.card.json);
    expect(b.card.markdown).toBe(a.card.markdown);
    const other = writeDataset(rows(), { name: "t", seed: 8, shuffle: true });
    expect(other.jsonl).not.toBe(a.jsonl);
    expect(other.jsonl.split("\n").sort()).toEqual(a.jsonl.split("\n").sort());
  });

  it("writes one JSON object per line with the same columns and types in every row", () => {
    const { jsonl } = writeDataset(rows(), {
      name: "t",
      seed: 1,
      shuffle: false,
    });
    expect(jsonl.endsWith("\n")).toBe(true);
    const lines = jsonl.slice(0, -1).split("\n");
    expect(lines.length).toBe(tags.length);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const p of parsed)
      expect(Object.keys(p)).toEqual([
        "messages",
        "tools",
        "input_ids",
        "assistant_masks",
        "meta",
      ]);
    const { conflicts, columns } = columnConflicts(parsed);
    expect(conflicts).toEqual([]);
    expect(columns.get("$.tools")).toEqual(new Set(["string"]));
  });

  it("reads back what it wrote, and reports malformed lines by number", () => {
    const written = writeDataset(rows(), {
      name: "t",
      seed: 1,
      shuffle: false,
    });
    const back = readDatasetJsonl(written.jsonl);
    expect(back.ok).toBe(true);
    if (back.ok)
      expect(back.value.map((r) => `${serializeRow(r)}\n`).join("")).toBe(
        written.jsonl,
      );
    const broken = readDatasetJsonl(
      `${written.jsonl}{"messages": []}\nnot json\n`,
    );
    expect(broken.ok).toBe(false);
    expect(broken.diagnostics.map((d) => [d.code, d.path])).toEqual([
      [sdkCodes.datasetInvalidRow, [tags.length]],
      [sdkCodes.datasetInvalidRow, [tags.length + 1]],
    ]);
  });

  it("summarises counts, token percentiles and task coverage in the card", () => {
    const all = rows();
    const { card } = writeDataset(all, {
      name: "flow-agent",
      seed: 3,
      shuffle: true,
      catalogTasks: [
        ...taskIds,
        "shopify::admin::send_email",
        "shopify::admin::order_created",
      ],
    });
    const lengths = all.map((r) => r.input_ids.length).sort((a, b) => a - b);
    expect(card.data.rows).toBe(all.length);
    expect(card.data.tokens.max).toBe(Math.max(...lengths));
    expect(card.data.tokens.p50).toBe(
      lengths[Math.ceil(lengths.length / 2) - 1],
    );
    expect(card.data.tokens.total).toBe(lengths.reduce((a, b) => a + b, 0));
    expect(card.data.tasks).toEqual({
      distinct: 2,
      catalog: 4,
      coverage: 0.5,
      rows_per_task: {
        [taskIds[1] ?? ""]: all.length - 1,
        [taskIds[0] ?? ""]: all.length,
      },
    });
    expect(card.data.tool_calls).toEqual({
      submit_workflow: all.length,
      task_configuration: all.length,
      task_search: all.length,
    });
    expect(card.data.enable_thinking).toEqual({ false: 2, true: 4 });
    expect(card.data.template_sha256).toEqual([QWEN3_TEMPLATE_SHA256]);
    expect(JSON.parse(card.json)).toEqual(card.data);
    expect(card.markdown).toContain(QWEN3_TEMPLATE_SHA256);
    expect(card.markdown).toContain(
      `p50 ${card.data.tokens.p50}, p90 ${card.data.tokens.p90}`,
    );
    expect(card.markdown).toContain("50.00% of the 4 catalog tasks");
    expect(card.data.rejected).toEqual([]);
    expect(card.markdown).toContain(
      "None: every conversation asked for is a row.",
    );
  });

  it("pins the file, the tokenizer, the tool-call format and the checkpoint generation config", () => {
    const all = rows();
    const written = writeDataset(all, {
      name: "t",
      seed: 5,
      shuffle: true,
      rejected: [
        { id: "b", variant: "edit", code: "x-code", message: "no | edit" },
        { id: "a", variant: "fix", code: "y-code", message: "bad" },
      ],
    });
    const d = written.card.data;
    expect(d.jsonl_sha256).toBe(sha256Hex(written.jsonl));
    expect(d.tokenizer).toBe(QWEN3_TOKENIZER_MODEL);
    expect(d.tool_call_format).toEqual({ "hermes-json": all.length });
    // One entry per distinct file, in the order of their JSON text (0.6 before 0.7).
    expect(d.generation_config).toEqual([
      {
        rows: all.filter((r) => r.meta.enable_thinking).length,
        config: checkpointGenerationConfig(qwen3GenerationDefaults(true)),
      },
      {
        rows: all.filter((r) => !r.meta.enable_thinking).length,
        config: checkpointGenerationConfig(qwen3GenerationDefaults(false)),
      },
    ]);
    expect(d.generation_config[0]?.config).toMatchObject({
      do_sample: true,
      temperature: 0.6,
      eos_token_id: [151645, 151643],
      pad_token_id: 151643,
    });
    // Rejections are listed in id order, counted per variant, escaped in the markdown.
    expect(d.rejected.map((r) => r.id)).toEqual(["a", "b"]);
    expect(d.rejected_variants).toEqual({ edit: 1, fix: 1 });
    expect(written.card.markdown).toContain(
      "| b | edit | x-code | no \\| edit |",
    );
    expect(written.card.markdown).toContain("| edit | 3 | 1 |");
  });

  it("takes nearest-rank percentiles", () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([50, 90, 99, 100].map((p) => percentile(xs, p))).toEqual([
      50, 90, 99, 100,
    ]);
    expect(percentile([5], 99)).toBe(5);
    expect(percentile([], 50)).toBe(0);
  });
});
