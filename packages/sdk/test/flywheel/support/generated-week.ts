import { readFileSync } from "node:fs";
import { join } from "node:path";
import { seededRandom } from "../../../src/dataset/write-dataset.js";
import type { RouteReason } from "../../../src/flywheel/route-conversation.js";
import type {
  ChatBody,
  ScriptedReply,
} from "../../support/openai-test-server.js";

const corpus = join(import.meta.dirname, "../../../../../corpus");
const read = (path: string): string => readFileSync(join(corpus, path), "utf8");

/** Plain tagging workflow (no email, no app). */
const TAGGING = read("customers/tag-vip-customers-by-spend/workflow.json");
/** Email workflow whose recipient is replaced by a merchant's own address (PII). */
const EMAIL = read("customers/clean-up-disabled-accounts/workflow.json");
/** Third-party app (Slack) workflow. */
const SLACK = read(
  "fulfillment/fulfillment-request-rejected-alert/workflow.json",
);
/** Loads and redacts, but a condition names a field the catalog lacks: does not compile. */
export const BROKEN = TAGGING.replace(/amountSpent/g, "amountSpnt");

/** What a generated conversation is, and where it must go. */
export interface GeneratedCase {
  readonly line: number;
  readonly id: string | null;
  readonly expected: RouteReason;
  readonly kind: "create" | "edit" | "question" | null;
  readonly email: boolean;
}

export interface GeneratedWeek {
  readonly jsonl: string;
  readonly cases: readonly GeneratedCase[];
  /** Every merchant-identifying string put into the week: none may leave redaction. */
  readonly pii: readonly string[];
}

const NAMES = [
  "maple",
  "harbor",
  "cedar",
  "fjord",
  "lumen",
  "quartz",
  "birch",
  "tundra",
];

type Shape =
  | "train"
  | "train-app"
  | "email-activated"
  | "email-not-activated"
  | "edit"
  | "question"
  | "feedback-down"
  | "broken"
  | "judge-error"
  | "judge-500";

const expectedOf = {
  train: "activated-judge-pass",
  "train-app": "activated-judge-pass",
  "email-activated": "activated-judge-fail",
  "email-not-activated": "judge-fail",
  edit: "judge-pass-not-activated",
  question: "judge-pass-no-workflow",
  "feedback-down": "feedback-disagreement",
  broken: "judge-compile-disagreement",
  "judge-error": "judge-failed",
  "judge-500": "judge-failed",
} as const satisfies Record<Shape, RouteReason>;

/**
 * A seeded week (2026-W47) of production conversations: creates (tagging, Slack, email),
 * edits carrying the current workflow, questions, activated or not, with merchant emails,
 * phones and shop domains in the text and the workflows; plus lines that must be
 * quarantined (not JSON, off-schema, outside the week, a repeated id, an unreadable workflow).
 */
export function generateWeek(
  seed: number,
  options: { readonly count?: number; readonly firstDay?: number } = {},
): GeneratedWeek {
  const count = options.count ?? 48;
  // 16 November 2026 is the Monday of 2026-W47; 23 that of W48.
  const firstDay = options.firstDay ?? 16;
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(random() * items.length)] as T;
  const lines: string[] = [];
  const cases: GeneratedCase[] = [];
  const pii = new Set<string>();
  const shapes: Shape[] = [];
  // Enough of each shape for every slice the tests look at, then a seeded mix.
  const base: Shape[] = [
    "train",
    "train",
    "train-app",
    "edit",
    "question",
    "feedback-down",
    "broken",
    "judge-error",
    "judge-500",
    ...Array.from({ length: 8 }, (): Shape => "email-activated"),
    ...Array.from({ length: 4 }, (): Shape => "email-not-activated"),
  ];
  shapes.push(...base);
  while (shapes.length < count)
    shapes.push(
      pick<Shape>([
        "train",
        "train",
        "train-app",
        "edit",
        "question",
        "email-activated",
      ]),
    );
  for (const [i, shape] of shapes.entries()) {
    const name = pick(NAMES);
    const shop = `${name}-goods-${i}.myshopify.com`;
    const owner = `owner.${name}${i}@${name}-mail-${i}.com`;
    const phone = `+1 415 555 ${String(1000 + i).padStart(4, "0")}`;
    pii.add(shop).add(owner).add(phone);
    const contact = `My store is ${shop}; reach me at ${owner} or ${phone}.`;
    const id = `conv-${seed}-${String(i).padStart(3, "0")}`;
    const day = firstDay + (i % 7);
    const timestamp = `2026-11-${day}T${String(8 + (i % 10)).padStart(2, "0")}:15:00Z`;
    let user: string;
    let workflow: string | undefined;
    let kind: GeneratedCase["kind"] = "create";
    switch (shape) {
      case "train":
      case "feedback-down":
        user = `Create a workflow that tags customers as VIP when they have spent over 2000. ${contact}`;
        workflow = TAGGING;
        break;
      case "train-app":
        user = `Set up a workflow that posts to Slack when a fulfillment request is rejected. ${contact}`;
        workflow = SLACK;
        break;
      case "email-activated":
      case "email-not-activated":
        user = `Build a workflow that emails me about disabled customer accounts. ${contact}`;
        workflow = EMAIL.replace(/crm@example\.com/g, owner);
        break;
      case "edit":
        kind = "edit";
        user = `Please change my workflow so VIP means over 2000 instead. ${contact}\nCurrent workflow:\n${TAGGING}`;
        workflow = TAGGING;
        break;
      case "question":
        kind = "question";
        user = `How does Flow decide when a scheduled workflow runs? ${contact}`;
        workflow = undefined;
        break;
      case "broken":
        user = `Create a workflow that tags customers as VIP by spend. ${contact}`;
        workflow = BROKEN;
        break;
      case "judge-error":
        user = `Create a workflow that tags big spenders JUDGE-ERROR. ${contact}`;
        workflow = TAGGING;
        break;
      case "judge-500":
        user = `Create a workflow that tags big spenders JUDGE-500. ${contact}`;
        workflow = TAGGING;
        break;
    }
    const activated =
      shape === "train" ||
      shape === "train-app" ||
      shape === "email-activated" ||
      shape === "feedback-down" ||
      shape === "broken" ||
      shape === "judge-error" ||
      shape === "judge-500";
    const record = {
      conversation_id: id,
      merchant_id: `m_${(i * 7919).toString(16)}`,
      timestamp,
      messages: [
        { role: "user", content: user },
        {
          role: "assistant",
          content:
            workflow === undefined
              ? "Scheduled workflows run at the time you set, in your store's time zone."
              : `Here is the workflow; I will send a summary to ${owner} once it is on.`,
        },
      ],
      ...(workflow === undefined ? {} : { final_workflow: workflow }),
      activated,
      ...(shape === "feedback-down"
        ? { feedback: { rating: "down", comment: `wrong for ${shop}` } }
        : {}),
    };
    lines.push(JSON.stringify(record));
    cases.push({
      line: lines.length,
      id,
      expected: expectedOf[shape],
      kind,
      email: shape === "email-activated" || shape === "email-not-activated",
    });
  }
  // Lines that must be quarantined, each with its reason.
  const badShop = `broken-${seed}.myshopify.com`;
  pii.add(badShop);
  const first = lines[0] ?? "";
  const quarantined: (readonly [string, RouteReason, string | null])[] = [
    [
      `{"conversation_id": "cut-${seed}", "merchant_id": "m_1", "messages": [ ${badShop}`,
      "malformed",
      null,
    ],
    [
      JSON.stringify({
        conversation_id: `noact-${seed}`,
        merchant_id: "m_2",
        timestamp: `2026-11-${firstDay + 1}T10:00:00Z`,
        messages: [{ role: "user", content: `hi from ${badShop}` }],
      }),
      "malformed",
      `noact-${seed}`,
    ],
    [
      first
        .replace(/"timestamp":"[^"]+"/, '"timestamp":"2026-11-30T10:00:00Z"')
        .replace(
          /"conversation_id":"[^"]+"/,
          `"conversation_id":"late-${seed}"`,
        ),
      "outside-week",
      `late-${seed}`,
    ],
    [first, "duplicate-conversation", cases[0]?.id ?? null],
    [
      JSON.stringify({
        conversation_id: `unread-${seed}`,
        merchant_id: "m_3",
        timestamp: `2026-11-${firstDay + 2}T10:00:00Z`,
        messages: [{ role: "user", content: "make it" }],
        final_workflow: '{"root": 1}',
        activated: true,
      }),
      "unredactable",
      `unread-${seed}`,
    ],
  ];
  for (const [text, expected, id] of quarantined) {
    lines.push(text);
    cases.push({ line: lines.length, id, expected, kind: null, email: false });
  }
  return { jsonl: `${lines.join("\n")}\n`, cases, pii: [...pii] };
}

/** The facets the answer-format line of the last message asks for, in order. */
function askedFacets(body: ChatBody): readonly string[] {
  const last = body.messages?.at(-1)?.content ?? "";
  return [...last.matchAll(/"([a-z_]+)": \{"verdict"/g)].map((m) => m[1] ?? "");
}

/**
 * The scripted judge model, answering the real judge's prompt (`judge-facets/v1`) in its
 * format, `{"facets": {"<facet>": {"verdict", "rationale"}, …}}`, for exactly the facets the
 * format line asks for: email workflows (`send_email` in the Python shown) fail components
 * and configuration (the slice made weak on purpose), Slack workflows fail only `next_steps`,
 * conversations without a workflow have n/a for the workflow facets, `JUDGE-ERROR` gets
 * prose that is not JSON on every round (repairs included), `JUDGE-500` a server error,
 * everything else passes.
 */
export function judgeScript(body: ChatBody): ScriptedReply {
  const prompt = body.messages?.find((m) => m.role === "user")?.content ?? "";
  if (prompt.includes("JUDGE-ERROR"))
    return { kind: "text", content: "I would rather not say." };
  if (prompt.includes("JUDGE-500"))
    return { kind: "status", status: 500, body: "judge overloaded" };
  const noWorkflow = prompt.includes("(no workflow)");
  const email = prompt.includes("send_email");
  const slack = prompt.includes("slack");
  const verdict = (facet: string): string => {
    if (noWorkflow && (facet === "components" || facet === "configuration"))
      return "n/a";
    if (email && (facet === "components" || facet === "configuration"))
      return "fail";
    if (slack && facet === "next_steps") return "fail";
    return "pass";
  };
  return {
    kind: "text",
    content: JSON.stringify({
      facets: Object.fromEntries(
        askedFacets(body).map((f) => [
          f,
          { verdict: verdict(f), rationale: `${f} ${verdict(f)}.` },
        ]),
      ),
    }),
  };
}
