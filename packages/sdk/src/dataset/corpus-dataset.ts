import {
  loadWorkflow,
  readDocument,
  type Catalog,
  type Compiler,
  type Diagnostic,
} from "@flowpy/transpiler";
import {
  pinnedQwen3Template,
  type ChatTemplate,
} from "../render/chat-template.js";
import {
  qwen3Tokenizer,
  segmentCachingTokenizer,
  type Qwen3Tokenizer,
} from "../render/qwen3-tokenizer.js";
import { sdkCodes } from "../sdk-codes.js";
import type { ResolvedToolSet } from "../tools/resolve-tool-set.js";
import { buildTrajectory } from "../trajectory/build-trajectory.js";
import { createTrajectoryEnvironment } from "../trajectory/default-environment.js";
import { seededIndex } from "../trajectory/seeded-choice.js";
import {
  trajectoryVariants,
  type Trajectory,
  type TrajectoryVariant,
} from "../trajectory/trajectory.js";
import { verifyTrajectory } from "../trajectory/verify-trajectory.js";
import type { DatasetCard, RejectedRow } from "./dataset-card.js";
import { buildDatasetRow, type DatasetRow } from "./dataset-row.js";
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

/** The catalog ids of the tasks a trajectory's target workflow uses (none for questions). */
function targetTasks(trajectory: Trajectory, catalog: Catalog): string[] {
  if (trajectory.target === undefined) return [];
  const read = readDocument(trajectory.target);
  if (!read.ok) return [];
  const loaded = loadWorkflow(read.value.node);
  if (!loaded.ok) return [];
  const ids = loaded.value.workflow.steps.map(
    (s) => catalog.task(s.taskId, s.taskVersion)?.id ?? s.taskId,
  );
  return [...new Set(ids)].sort();
}

function catalogTaskIds(catalog: Catalog): string[] {
  return [
    ...new Set(
      Object.values(catalog.tasksByType).flatMap((tasks) =>
        tasks.map((t) => t.id),
      ),
    ),
  ].sort();
}

function reject(
  id: string,
  variant: TrajectoryVariant,
  diagnostics: readonly Diagnostic[],
): RejectedRow {
  const first = diagnostics[0];
  return {
    id,
    variant,
    code: first?.code ?? sdkCodes.datasetInvalidRow,
    message: diagnostics.map((d) => d.message).join("; ") || "rejected",
  };
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
  const env = await createTrajectoryEnvironment({
    ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
    ...(options.compiler === undefined ? {} : { compiler: options.compiler }),
    ...(options.toolSet === undefined ? {} : { toolSet: options.toolSet }),
  });
  const template = options.template ?? pinnedQwen3Template();
  const tokenizer = segmentCachingTokenizer(
    options.tokenizer ?? qwen3Tokenizer(),
  );
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
      const built = buildTrajectory(
        {
          workflow: json,
          variant,
          seed: seededIndex(
            options.seed,
            `corpus.seed\u0000${variant}\u0000${id}`,
            0x7fffffff,
          ),
        },
        env,
      );
      if (!built.ok) {
        rejected.push(reject(id, variant, built.diagnostics));
        continue;
      }
      const issues = verifyTrajectory(built.value, env);
      if (issues.length > 0) {
        rejected.push({
          id,
          variant,
          code: sdkCodes.datasetTrajectoryUnverified,
          message: issues.map((i) => `${i.rule}: ${i.message}`).join("; "),
        });
        continue;
      }
      const row = buildDatasetRow(
        built.value.conversation,
        {
          id: `${id}#${variant}`,
          source: id,
          variant,
          tasks: targetTasks(built.value, env.catalog),
        },
        { enableThinking: options.enableThinking, template, tokenizer },
      );
      if (!row.ok) {
        rejected.push(reject(id, variant, row.diagnostics));
        continue;
      }
      rows.push(row.value);
    }
  }
  const written = writeDataset(rows, {
    name: options.name ?? "flowpy-corpus",
    seed: options.seed,
    shuffle: true,
    catalogTasks: catalogTaskIds(env.catalog),
    rejected,
  });
  return {
    jsonl: written.jsonl,
    card: written.card,
    rejected: written.card.data.rejected,
  };
}
