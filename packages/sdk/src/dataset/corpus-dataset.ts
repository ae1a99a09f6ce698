import type { Catalog, Compiler } from "@flowpy/transpiler";
import type { ChatTemplate } from "../render/chat-template.js";
import type { Qwen3Tokenizer } from "../render/qwen3-tokenizer.js";
import { sdkCodes } from "../sdk-codes.js";
import type { ResolvedToolSet } from "../tools/resolve-tool-set.js";
import { seededIndex } from "../trajectory/seeded-choice.js";
import {
  trajectoryVariants,
  type TrajectoryVariant,
} from "../trajectory/trajectory.js";
import type { DatasetCard, RejectedRow } from "./dataset-card.js";
import type { DatasetRow } from "./dataset-row.js";
import { createRowBuilder } from "./row-builder.js";
import { writeDataset } from "./write-dataset.js";

/** One workflow of a corpus: a stable id (e.g. its path) and its Flow JSON text. */
export interface CorpusWorkflow {
  readonly id: string;
  readonly json: string;
}

/**
 * For each variant, the share of workflows (0…1) it is built for. The sample is drawn per
 * workflow id with the seed, so it does not depend on the order or number of workflows; a
 * share of 1 takes every workflow, 0 (or an absent variant) none.
 */
export type VariantShares = Readonly<
  Partial<Record<TrajectoryVariant, number>>
>;

export interface CorpusDatasetOptions {
  readonly seed: number;
  /** The catalog the agent works with; the bundled one by default. */
  readonly catalog?: Catalog;
  /** The transpiler's compiler for `catalog`; made here when absent. */
  readonly compiler?: Compiler;
  /** The served tool set; the default definition without an overlay by default. */
  readonly toolSet?: ResolvedToolSet;
  readonly enableThinking: boolean;
  readonly variants: VariantShares;
  /** Dataset name on the card; `flowpy-corpus` by default. */
  readonly name?: string;
  /** The pinned Qwen3 template by default. */
  readonly template?: ChatTemplate;
  /** The shared Qwen3 tokenizer by default; each build adds its own segment cache on top. */
  readonly tokenizer?: Qwen3Tokenizer;
}

export interface CorpusDataset {
  /** The rows, shuffled with the seed, one JSON object per line. */
  readonly jsonl: string;
  /** Counts, token percentiles, task coverage, variants and the rejected list. */
  readonly card: DatasetCard;
  /** Every conversation asked for that did not become a row, with the reason. */
  readonly rejected: readonly RejectedRow[];
}

const SHARE_RESOLUTION = 1_000_000;

/** Whether the seeded sample of `variant` takes this workflow. */
function sampled(
  seed: number,
  id: string,
  variant: TrajectoryVariant,
  share: number | undefined,
): boolean {
  if (share === undefined || !(share > 0)) return false;
  if (share >= 1) return true;
  return (
    seededIndex(
      seed,
      `corpus.sample\u0000${variant}\u0000${id}`,
      SHARE_RESOLUTION,
    ) <
    share * SHARE_RESOLUTION
  );
}

/**
 * Training rows for a corpus of workflows: for each workflow and each sampled variant, the
 * ideal trajectory is built, verified (any broken rule rejects it), rendered with the Qwen3
 * template and tokenized with assistant masks; the rows are written as a seeded-shuffled
 * JSONL file with its card. Nothing is dropped silently: every conversation that does not
 * become a row is returned and listed in the card with its code and reason. Same workflows,
 * options and seed → byte-identical output.
 */
export async function buildCorpusDataset(
  workflows: readonly CorpusWorkflow[],
  options: CorpusDatasetOptions,
): Promise<CorpusDataset> {
  const builder = await createRowBuilder({
    enableThinking: options.enableThinking,
    ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
    ...(options.compiler === undefined ? {} : { compiler: options.compiler }),
    ...(options.toolSet === undefined ? {} : { toolSet: options.toolSet }),
    ...(options.template === undefined ? {} : { template: options.template }),
    ...(options.tokenizer === undefined
      ? {}
      : { tokenizer: options.tokenizer }),
  });
  const rows: DatasetRow[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  for (const { id, json } of workflows) {
    for (const variant of trajectoryVariants) {
      if (!sampled(options.seed, id, variant, options.variants[variant]))
        continue;
      const key = `${id}\u0000${variant}`;
      if (seen.has(key)) {
        rejected.push({
          id,
          variant,
          code: sdkCodes.datasetDuplicateId,
          message: `a workflow with id ${JSON.stringify(id)} came earlier`,
        });
        continue;
      }
      seen.add(key);
      const built = builder.build({
        rowId: `${id}#${variant}`,
        source: id,
        json,
        variant,
        seed: seededIndex(
          options.seed,
          `corpus.seed\u0000${variant}\u0000${id}`,
          0x7fffffff,
        ),
      });
      if (!built.ok) {
        rejected.push(built.rejected);
        continue;
      }
      rows.push(built.row);
    }
  }
  const written = writeDataset(rows, {
    name: options.name ?? "flowpy-corpus",
    seed: options.seed,
    shuffle: true,
    catalogTasks: builder.catalogTasks,
    rejected,
  });
  return {
    jsonl: written.jsonl,
    card: written.card,
    rejected: written.card.data.rejected,
  };
}
