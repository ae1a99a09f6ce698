/**
 * STAND-IN for `eval/judge` (the judge part, not yet on main): the contract's types and a
 * minimal OpenAI-compatible judge over `fetch`. Removed once `createJudge` lands.
 */
import type { Result } from "@flowpy/transpiler";
import type { ChatMessage } from "../conversation/chat-message.js";
import {
  judgeFacets,
  type JudgeFacet,
} from "../eval/calibration/judge-facets.js";
import { sdkCodes } from "../sdk-codes.js";
import { sha256Hex } from "../sha256-hex.js";

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

/** A judge that asks `model` at `baseUrl` (an OpenAI-compatible API root) once per conversation. */
export function createStandInJudge(options: {
  readonly baseUrl: string;
  readonly model: string;
  readonly fetch?: typeof fetch;
}): Judge {
  const send = options.fetch ?? fetch;
  const promptSha256 = sha256Hex(PROMPT);
  return {
    id: `${options.model}@flywheel-stand-in/1`,
    async score(input) {
      const user = JSON.stringify({
        conversation: input.conversation,
        final_workflow: input.finalWorkflow ?? null,
      });
      let body: unknown;
      try {
        const response = await send(
          `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`,
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              model: options.model,
              temperature: 0,
              messages: [
                { role: "system", content: PROMPT },
                { role: "user", content: user },
              ],
            }),
          },
        );
        if (!response.ok)
          return failed(`the judge answered HTTP ${response.status}`);
        body = await response.json();
      } catch (e) {
        return failed(
          `the judge could not be reached: ${e instanceof Error ? e.message : String(e)}`,
        );
      }
      const content = (
        body as { choices?: { message?: { content?: unknown } }[] }
      )?.choices?.[0]?.message?.content;
      if (typeof content !== "string")
        return failed("the judge's answer has no text");
      let parsed: unknown;
      try {
        parsed = JSON.parse(content);
      } catch {
        return failed("the judge's answer is not JSON");
      }
      const list = (parsed as { facets?: unknown }).facets;
      if (!Array.isArray(list))
        return failed("the judge's answer has no facets list");
      const facets: FacetVerdict[] = [];
      for (const f of list as unknown[]) {
        const v = f as {
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
          judgeModel: options.model,
          promptVersion: "flywheel-stand-in/1",
          promptSha256,
          samples: 1,
        },
        diagnostics: [],
      };
    },
  };
}
