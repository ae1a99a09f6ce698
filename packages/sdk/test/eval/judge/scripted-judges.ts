import { seededRandom } from "../../../src/dataset/write-dataset.js";
import {
  judgeFacetIds,
  type Facet,
  type FacetVerdictValue,
  type JudgeInput,
} from "../../../src/index.js";
import type {
  ChatBody,
  ScriptedReply,
} from "../../support/openai-test-server.js";
import { corpusWorkflows } from "../../trajectory/corpus-workflows.js";

/** Scripted judges for the loopback server, and examples whose right verdicts are known. */

export type Truth = Readonly<Record<Facet, FacetVerdictValue>>;

export interface JudgedExample {
  readonly input: JudgeInput;
  readonly truth: Truth;
}

const corpus = corpusWorkflows();
export const sampleWorkflow =
  corpus.find((w) => w.name === "order-tagging/add-free-gift-over-100")?.text ??
  "";

/** The merchant email every example carries: it must never reach the judge. */
export const MERCHANT_EMAIL = "ana.merchant@northwind-candles.com";

/**
 * `n` examples with seeded truths. An example that rightly declines has components and
 * configuration n/a; the rest pass or fail each facet with probability 1/2.
 */
export function judgedExamples(n: number, seed: number): JudgedExample[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const id = `ex-${String(i).padStart(4, "0")}`;
    const declines = random() < 0.1;
    const truth = Object.fromEntries(
      judgeFacetIds.map((f) => [
        f,
        declines && (f === "components" || f === "configuration")
          ? "n/a"
          : random() < 0.5
            ? "pass"
            : "fail",
      ]),
    ) as Truth;
    return {
      truth,
      input: {
        exampleId: id,
        conversation: [
          {
            role: "user",
            content: `Case ${id}: when an order over $100 comes in, add a free gift. Mail me at ${MERCHANT_EMAIL} if it fails.`,
          },
          {
            role: "assistant",
            content: declines
              ? "Flow cannot do that here; here is why."
              : "Here is the workflow. Turn it on under Settings > Apps > Flow.",
          },
        ],
        ...(declines ? {} : { finalWorkflow: sampleWorkflow }),
        reference: declines
          ? { shouldDecline: true }
          : { workflow: sampleWorkflow },
      },
    };
  });
}

export function userText(body: ChatBody): string {
  return (body.messages ?? [])
    .filter((m) => m.role === "user")
    .map((m) => m.content)
    .join("\n");
}

/** The case id the first user message of the prompt names. */
export function caseOf(body: ChatBody): string {
  return /Case (ex-\d+):/.exec(userText(body))?.[1] ?? "unknown";
}

/** The facets the last answer-format line asks for, in order. */
export function askedFacets(body: ChatBody): Facet[] {
  const last = body.messages?.at(-1)?.content ?? "";
  return [...last.matchAll(/"([a-z_]+)": \{"verdict"/g)].map(
    (m) => m[1] as Facet,
  );
}

export function facetReply(
  verdicts: Readonly<Partial<Record<Facet, FacetVerdictValue>>>,
  facets: readonly Facet[],
): ScriptedReply {
  return {
    kind: "text",
    content: JSON.stringify({
      facets: Object.fromEntries(
        facets.map((f) => [
          f,
          { verdict: verdicts[f] ?? "fail", rationale: `${f} judged.` },
        ]),
      ),
    }),
  };
}

function seedOf(body: ChatBody): number {
  return typeof body["seed"] === "number" ? body["seed"] : 0;
}

/** Small stable hash of a string, to key a flip on (case, facet, seed). */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++)
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * A judge that knows the truth and flips each pass/fail verdict with probability
 * `flip`, seeded by (case, facet, request seed): different samples flip independently,
 * the same request always answers the same. `flip` 0 is the good judge.
 */
export function noisyJudge(
  truths: ReadonlyMap<string, Truth>,
  flip: number,
): (body: ChatBody) => ScriptedReply {
  return (body) => {
    const truth = truths.get(caseOf(body));
    const facets = askedFacets(body);
    if (truth === undefined) return { kind: "status", status: 400 };
    const verdicts = Object.fromEntries(
      facets.map((f) => {
        const t = truth[f];
        const flipped =
          t !== "n/a" &&
          seededRandom(hash(`${caseOf(body)}/${f}/${seedOf(body)}`))() < flip;
        return [f, flipped ? (t === "pass" ? "fail" : "pass") : t];
      }),
    );
    return facetReply(verdicts, facets);
  };
}

export function truthsOf(
  examples: readonly JudgedExample[],
): Map<string, Truth> {
  return new Map(examples.map((e) => [e.input.exampleId, e.truth]));
}
