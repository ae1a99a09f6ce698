import { describe, expect, it } from "vitest";
import type { SummaryDesignQuery } from "../../src/index.js";
import {
  createToolbox,
  createTrajectoryEnvironment,
  measureSummaryDesign,
  plannedTaskSearches,
  qwen3Tokenizer,
  segmentCachingTokenizer,
} from "../../src/index.js";
import { corpusWorkflows } from "../trajectory/corpus-workflows.js";

describe("summary → detail tool design", () => {
  it("costs fewer Qwen3 tokens than search answers carrying full schemas, over the corpus's queries", async () => {
    const env = await createTrajectoryEnvironment();
    const queries: SummaryDesignQuery[] = [];
    corpusWorkflows().forEach(({ text }, i) => {
      const planned = plannedTaskSearches(text, env, i);
      if (planned.ok) queries.push(...planned.value);
    });
    expect(queries.length).toBeGreaterThan(300);
    // Configuration answers repeat across queries; the cache gives the same counts faster.
    const tokenizer = segmentCachingTokenizer(qwen3Tokenizer());
    const box = createToolbox({
      toolSet: env.toolSet,
      catalog: env.catalog,
      compiler: env.compiler,
      ...(env.indexes ? { indexes: env.indexes } : {}),
    });
    const f = measureSummaryDesign(
      box,
      queries,
      (text) => tokenizer.encode(text).length,
    );
    console.log(
      `summary→detail over ${f.queries} corpus queries (${f.hits} hits): task_search answers ${f.summaryTokens} tokens ` +
        `(${(f.summaryTokens / f.queries).toFixed(0)}/query); same answers with full schemas ${f.fullTokens} ` +
        `(${(f.fullTokens / f.queries).toFixed(0)}/query); summaries + the one configuration needed ${f.twoStepTokens} ` +
        `(${(f.twoStepTokens / f.queries).toFixed(0)}/query); full/two-step = ${f.ratio.toFixed(2)}x`,
    );
    expect(f.hits).toBeGreaterThanOrEqual(f.queries);
    expect(f.summaryTokens).toBeLessThan(f.fullTokens);
    expect(f.twoStepTokens).toBeLessThan(f.fullTokens);
    expect(f.ratio).toBeCloseTo(f.fullTokens / f.twoStepTokens, 10);
  }, 120_000);
});
