import { describe, expect, it } from "vitest";
import {
  buildDatasetRow,
  percentile,
  readDatasetJsonl,
  renderCodes,
  serializeRow,
  templateInput,
  toolSetSha256,
  writeDataset,
  QWEN3_TEMPLATE_SHA256,
  type DatasetRow,
} from "../../src/index.js";
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

/** The column type Arrow would infer for a JSON value, as a string. */
function arrowType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) {
    const items = [...new Set(v.map(arrowType))].filter((t) => t !== "null");
    if (items.length > 1) return `list<CONFLICT ${items.join(" / ")}>`;
    return `list<${items[0] ?? "null"}>`;
  }
  if (typeof v === "object") return "struct";
  if (typeof v === "number") return Number.isInteger(v) ? "int" : "double";
  return typeof v;
}

/** Unifies struct fields across values like a JSON loader: a key may be absent, never of two types. */
function unifyColumns(
  values: readonly unknown[],
  path: string,
  out: Map<string, Set<string>>,
): void {
  for (const v of values) {
    const t = arrowType(v);
    out.set(path, (out.get(path) ?? new Set()).add(t));
    if (Array.isArray(v)) unifyColumns(v, `${path}[]`, out);
    else if (typeof v === "object" && v !== null)
      for (const [k, child] of Object.entries(v))
        unifyColumns([child], `${path}.${k}`, out);
  }
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
    const columns = new Map<string, Set<string>>();
    unifyColumns(parsed, "$", columns);
    const conflicts = [...columns].filter(
      ([, types]) =>
        [...types].filter((t) => t !== "null").length > 1 ||
        [...types].some((t) => t.includes("CONFLICT")),
    );
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
      [renderCodes.invalidRow, [tags.length]],
      [renderCodes.invalidRow, [tags.length + 1]],
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
