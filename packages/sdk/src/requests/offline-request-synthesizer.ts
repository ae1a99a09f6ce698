import { bundledCatalog, type Catalog, type Result } from "@flowpy/transpiler";
import { sdkCodes } from "../sdk-codes.js";
import { sha256Hex } from "../sha256-hex.js";
import { toolSetDefinition } from "../tools/tool-set-definition.js";
import { indexesFor, type ToolIndexes } from "../tools/tool-indexes.js";
import { seededIndex } from "../trajectory/seeded-choice.js";
import { workflowFacts } from "../trajectory/workflow-facts.js";
import {
  checkRequests,
  requestKey,
  type StyledText,
} from "./check-requests.js";
import {
  OFFLINE_REQUESTS_VERSION,
  offlinePhrasesSha256,
  offlineStyleWriters,
} from "./offline-styles.js";
import { workflowInvalid } from "./prompt-workflow.js";
import { invalidInput, synthesisInputProblems } from "./synthesis-input.js";
import type {
  RequestSynthesizer,
  SynthesizedRequest,
} from "./synthesized-request.js";

export interface OfflineRequestSynthesizerOptions {
  /** The catalog whose labels the requests use; the bundled one by default. */
  readonly catalog?: Catalog;
  /** Search indexes already built for `catalog` (a trajectory environment's), to share them. */
  readonly indexes?: ToolIndexes;
}

/** Other phrasings tried for a repeated style before giving up on distinct texts. */
const PHRASING_TRIES = 16;

/**
 * Requests written with no network from the workflow's semantics and catalog labels
 * (`workflowFacts`), deterministic in the seed: the pipeline's default writer. A style asked
 * for more than once gets another phrasing each time; the output passes the same checks as
 * an LLM's answer.
 */
export function offlineRequestSynthesizer(
  options: OfflineRequestSynthesizerOptions = {},
): RequestSynthesizer {
  const catalog = options.catalog ?? bundledCatalog();
  // Built on first use and reused: the index never changes after construction.
  let indexes: ToolIndexes | undefined = options.indexes;
  const paths = () => {
    indexes = indexesFor(catalog, toolSetDefinition.limits.pathDepth, indexes);
    return indexes.paths;
  };
  return {
    id: "offline",
    async write(input): Promise<Result<readonly SynthesizedRequest[]>> {
      const problems = synthesisInputProblems(input);
      if (problems.length > 0) return invalidInput(problems);
      const facts = workflowFacts(input.workflowJson, catalog, paths());
      if (!facts.ok) return workflowInvalid(facts.diagnostics);

      // The workflow is part of every choice, so one run seed still varies the phrasing
      // from workflow to workflow.
      const workflowHash = sha256Hex(input.workflowJson);
      const written: StyledText[] = [];
      const seen = new Set<string>();
      for (const [i, style] of input.styles.entries()) {
        const occurrence = input.styles
          .slice(0, i)
          .filter((s) => s === style).length;
        let text: string | undefined;
        for (let t = 0; t < PHRASING_TRIES && text === undefined; t++) {
          const n = occurrence + t;
          const seed = seededIndex(
            input.seed,
            `request.${workflowHash}.${style}.${n}`,
            0x7fffffff,
          );
          const candidate = offlineStyleWriters[style](facts.value, seed);
          if (!seen.has(requestKey(candidate))) text = candidate;
        }
        if (text === undefined)
          return answerInvalid([
            `no distinct ${style} phrasing left after ${occurrence} of them`,
          ]);
        seen.add(requestKey(text));
        written.push({ style, text });
      }
      const checked = checkRequests(written, input.styles);
      if (!checked.ok) return answerInvalid(checked.problems);
      return {
        ok: true,
        value: checked.requests.map((r) => ({
          style: r.style,
          text: r.text,
          writer: "offline",
          promptVersion: OFFLINE_REQUESTS_VERSION,
          promptSha256: offlinePhrasesSha256,
          cached: false,
        })),
        diagnostics: [],
      };
    },
    estimate: () => ({ inputTokens: 0, outputTokens: 0, costUsd: 0 }),
  };
}

function answerInvalid<T>(problems: readonly string[]): Result<T> {
  return {
    ok: false,
    diagnostics: [
      {
        code: sdkCodes.requestAnswerInvalid,
        severity: "error",
        message: `the offline writer cannot write these requests: ${problems.join("; ")}`,
      },
    ],
  };
}
