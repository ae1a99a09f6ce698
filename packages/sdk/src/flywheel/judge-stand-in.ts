/**
 * STAND-IN for `eval/judge` (the judge part, not yet on main): the contract's types and a
 * minimal judge asking a `ChatClient` once per conversation. Removed once `createJudge` lands.
 */
import type { Result } from "@flowpy/transpiler";
import type { ChatMessage } from "../conversation/chat-message.js";
import {
  judgeFacets,
  type JudgeFacet,
} from "../eval/calibration/judge-facets.js";
import { sdkCodes } from "../sdk-codes.js";
import { sha256Hex } from "../sha256-hex.js";
import type { ChatClient } from "../llm/chat-client.js";

export interface JudgeInput {
  readonly exampleId: string;
  readonly conversation: readonly ChatMessage[];
  readonly finalWorkflow?: string;
  readonly reference?: {
    readonly workflow?: string;
    readonly shouldDecline?: boolean;
  };
}

export interface FacetVerdict {
  readonly facet: JudgeFacet;
  readonly verdict: "pass" | "fail" | "n/a";
  readonly score?: number;
  readonly rationale: string;
}

export interface JudgeVerdicts {
  readonly exampleId: string;
  readonly facets: readonly FacetVerdict[];
  readonly judgeModel: string;
  readonly promptVersion: string;
  readonly promptSha256: string;
  readonly samples: number;
  readonly agreement?: number;
}

export interface Judge {
  readonly id: string;
  score(input: JudgeInput): Promise<Result<JudgeVerdicts>>;
}

const PROMPT = [
  "You judge one conversation between a merchant and a Shopify Flow assistant.",
  "Answer each question with pass, fail or n/a and one short rationale:",
  ...judgeFacets.map((f) => `- ${f.id}: ${f.question}`),
  'Reply with JSON only: {"facets":[{"facet":"intent","verdict":"pass","rationale":"…"}, …]}',
].join("\n");

function failed(message: string): Result<never> {
  return {
    ok: false,
    diagnostics: [
      { code: sdkCodes.flywheelJudgeFailed, severity: "error", message },
    ],
  };
}

/** A judge that asks the client's model once per conversation (the contract's `createJudge(client)`). */
export function createStandInJudge(client: ChatClient): Judge {
  const promptSha256 = sha256Hex(PROMPT);
  return {
    id: `${client.model}@flywheel-stand-in/1`,
    async score(input) {
      const user = JSON.stringify({
        conversation: input.conversation,
        final_workflow: input.finalWorkflow ?? null,
      });
      const answer = await client.complete({
        temperature: 0,
        messages: [
          { role: "system", content: PROMPT },
          { role: "user", content: user },
        ],
      });
      if (!answer.ok)
        return failed(
          `the judge did not answer: ${answer.diagnostics.map((d) => d.message).join("; ")}`,
        );
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer.value.message.content);
      } catch {
        return failed("the judge's answer is not JSON");
      }
      const list =
        typeof parsed === "object" && parsed !== null && "facets" in parsed
          ? parsed.facets
          : undefined;
      if (!Array.isArray(list))
        return failed("the judge's answer has no facets list");
      const facets: FacetVerdict[] = [];
      for (const f of list as unknown[]) {
        const v = (typeof f === "object" && f !== null ? f : {}) as {
          facet?: unknown;
          verdict?: unknown;
          rationale?: unknown;
        };
        const known = judgeFacets.find((k) => k.id === v.facet);
        if (
          known === undefined ||
          (v.verdict !== "pass" && v.verdict !== "fail" && v.verdict !== "n/a")
        )
          return failed(
            `the judge's answer has a bad facet verdict: ${JSON.stringify(f)}`,
          );
        facets.push({
          facet: known.id,
          verdict: v.verdict,
          rationale: typeof v.rationale === "string" ? v.rationale : "",
        });
      }
      return {
        ok: true,
        value: {
          exampleId: input.exampleId,
          facets,
          judgeModel: answer.value.model,
          promptVersion: "flywheel-stand-in/1",
          promptSha256,
          samples: 1,
        },
        diagnostics: [],
      };
    },
  };
}
