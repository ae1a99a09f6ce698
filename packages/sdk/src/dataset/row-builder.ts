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
import { cachingTemplateInput } from "../render/render-conversation.js";
import { sdkCodes } from "../sdk-codes.js";
import type { ResolvedToolSet } from "../tools/resolve-tool-set.js";
import { buildTrajectory } from "../trajectory/build-trajectory.js";
import { createTrajectoryEnvironment } from "../trajectory/default-environment.js";
import { memoCompiler } from "../trajectory/memo-compiler.js";
import { memoToolIndexes } from "../trajectory/memo-tool-indexes.js";
import { indexesFor } from "../tools/tool-indexes.js";
import type {
  Trajectory,
  TrajectoryEnvironment,
  TrajectoryVariant,
} from "../trajectory/trajectory.js";
import { verifyTrajectory } from "../trajectory/verify-trajectory.js";
import type { RejectedRow } from "./dataset-card.js";
import { buildDatasetRow, type DatasetRow } from "./dataset-row.js";

export interface RowBuilderOptions {
  /** The catalog the agent works with; the bundled one by default. */
  readonly catalog?: Catalog;
  /** The transpiler's compiler for `catalog`; made here when absent. */
  readonly compiler?: Compiler;
  /** The served tool set; the default definition without an overlay by default. */
  readonly toolSet?: ResolvedToolSet;
  readonly enableThinking: boolean;
  /** The pinned Qwen3 template by default. */
  readonly template?: ChatTemplate;
  /** The shared Qwen3 tokenizer by default; each builder adds its own segment cache on top. */
  readonly tokenizer?: Qwen3Tokenizer;
}

/** One conversation to build: which workflow, which kind, and the row's identity. */
export interface RowSpec {
  /** The row's id, unique within the dataset. */
  readonly rowId: string;
  /** The workflow's id (the row's `meta.source`, the rejection's id). */
  readonly source: string;
  /** The workflow as Flow JSON text. */
  readonly json: string;
  readonly variant: TrajectoryVariant;
  /** The trajectory's seed. */
  readonly seed: number;
  /** The merchant's request; by default the environment's request writer writes it. */
  readonly request?: string;
  /** What a rejection lists as the variant (e.g. `create:terse`); `variant` by default. */
  readonly label?: string;
}

export type RowOutcome =
  | { readonly ok: true; readonly row: DatasetRow }
  | { readonly ok: false; readonly rejected: RejectedRow };

/**
 * Builds rows one conversation at a time, for the corpus dataset and the dataset pipeline
 * alike: the ideal trajectory is built, verified (any broken rule rejects it), rendered with
 * the Qwen3 template and tokenized with assistant masks. A conversation that does not become
 * a row comes back as a rejection with its code and reason, never dropped.
 */
export interface RowBuilder {
  readonly env: TrajectoryEnvironment;
  build(spec: RowSpec): RowOutcome;
  /** Every task id of the catalog, sorted (the card's coverage denominator). */
  readonly catalogTasks: readonly string[];
}

export async function createRowBuilder(
  options: RowBuilderOptions,
): Promise<RowBuilder> {
  const made = await createTrajectoryEnvironment({
    ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
    ...(options.compiler === undefined ? {} : { compiler: options.compiler }),
    ...(options.toolSet === undefined ? {} : { toolSet: options.toolSet }),
  });
  // Per-builder memories of pure functions (bounded): a dataset compiles each program and
  // repeats the same searches several times over.
  const env: TrajectoryEnvironment = {
    ...made,
    compiler: memoCompiler(made.compiler),
    indexes: memoToolIndexes(
      indexesFor(made.catalog, made.toolSet.limits.pathDepth, made.indexes),
    ),
  };
  const template = options.template ?? pinnedQwen3Template();
  const tokenizer = segmentCachingTokenizer(
    options.tokenizer ?? qwen3Tokenizer(),
  );
  const prepare = cachingTemplateInput();
  const build = (spec: RowSpec): RowOutcome => {
    const label = spec.label ?? spec.variant;
    const built = buildTrajectory(
      {
        workflow: spec.json,
        variant: spec.variant,
        seed: spec.seed,
        ...(spec.request === undefined ? {} : { request: spec.request }),
      },
      env,
    );
    if (!built.ok) return reject(spec.source, label, built.diagnostics);
    const issues = verifyTrajectory(built.value, env);
    if (issues.length > 0)
      return {
        ok: false,
        rejected: {
          id: spec.source,
          variant: label,
          code: sdkCodes.datasetTrajectoryUnverified,
          message: issues.map((i) => `${i.rule}: ${i.message}`).join("; "),
        },
      };
    const row = buildDatasetRow(
      built.value.conversation,
      {
        id: spec.rowId,
        source: spec.source,
        variant: spec.variant,
        tasks: targetTasks(built.value, env.catalog),
      },
      {
        enableThinking: options.enableThinking,
        template,
        tokenizer,
        templateInput: prepare,
      },
    );
    if (!row.ok) return reject(spec.source, label, row.diagnostics);
    return { ok: true, row: row.value };
  };
  return { env, build, catalogTasks: catalogTaskIds(env.catalog) };
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
  variant: string,
  diagnostics: readonly Diagnostic[],
): RowOutcome {
  const first = diagnostics[0];
  return {
    ok: false,
    rejected: {
      id,
      variant,
      code: first?.code ?? sdkCodes.datasetInvalidRow,
      message: diagnostics.map((d) => d.message).join("; ") || "rejected",
    },
  };
}
