import type { ChatMessage } from "../conversation/chat-message.js";
import { sha256Hex } from "../sha256-hex.js";
import type { RequestStyle } from "./request-style.js";

/**
 * A versioned prompt that asks a stronger LLM for merchant requests. Templates are data:
 * once released a version's text never changes (a new text is a new version), and each
 * carries the sha256 of its text, which every synthesized request records. The test suite
 * recomputes the hashes, so an edit without a new version fails there.
 *
 * Placeholders (`<<name>>`) are filled in one pass, so text that is filled in (a workflow's
 * Liquid, say) is never read as a placeholder itself.
 */
export interface RequestPromptTemplate {
  readonly version: string;
  /** sha256 of `requestPromptText(template)`. */
  readonly sha256: string;
  readonly system: string;
  /** `<<python>>`, `<<tasks>>`, `<<count>>`, `<<styles>>`. */
  readonly user: string;
  /** The follow-up after an unusable answer: `<<problems>>`, `<<count>>`, `<<styles>>`. */
  readonly repair: string;
}

const v1: RequestPromptTemplate = {
  version: "request-synthesis/v1",
  sha256: "4d9c4a05d0442946d4ae7c66124ecdbe998d2e8cc8f0bdd231cf20e4e2a5c7c7",
  system: [
    "You write the messages that Shopify merchants send to an assistant that builds Shopify Flow workflows.",
    "You are shown a finished workflow; you write what a merchant would have asked for to end up with it.",
    "Write as the merchant: everyday words about their store, never code, JSON, Python, field ids or API names.",
    "Answer with JSON only.",
  ].join("\n"),
  user: [
    "This is the workflow the merchant ends up with, in the assistant's Python notation:",
    "",
    "```python",
    "<<python>>",
    "```",
    "",
    "Its trigger and steps, as Flow names them:",
    "<<tasks>>",
    "",
    "Write <<count>> different requests that would each lead to this workflow, one for each style in this list, in this order:",
    "<<styles>>",
    "",
    "The styles:",
    "- terse (10-280 characters): one short chat line; names when it happens and the main action, few details.",
    "- detailed (40-4000 characters): several sentences stating the trigger, every condition with its values, and every action with its settings.",
    "- non_native (20-2000 characters): from a merchant whose English is not native: simple words and small, natural mistakes (missing articles, wrong tense, literal phrasing), but clear about what they want.",
    "- vague (10-600 characters): what the merchant wants in everyday words, leaving out exact values and some steps, so the assistant would have to ask or assume.",
    "",
    "Every request says when the workflow runs (its trigger) in the merchant's words. No two requests are alike. No code blocks, no variable paths such as order.lineItems, no JSON inside a request.",
    "",
    'Answer with only this JSON object: {"requests": [{"style": "<style>", "text": "<the request>"}]}',
  ].join("\n"),
  repair: [
    "That answer cannot be used:",
    "<<problems>>",
    "",
    "Answer again with only the JSON object, with <<count>> requests in these styles and this order:",
    "<<styles>>",
  ].join("\n"),
};

/** Every released template, oldest first; the last is the default. */
export const requestPromptTemplates: readonly RequestPromptTemplate[] = [v1];

export const defaultRequestPromptVersion = v1.version;

/** The text a template's hash covers: its three parts, unambiguously joined. */
export function requestPromptText(t: RequestPromptTemplate): string {
  return JSON.stringify([t.system, t.user, t.repair]);
}

export function requestPromptTemplate(
  version: string,
): RequestPromptTemplate | undefined {
  return requestPromptTemplates.find((t) => t.version === version);
}

/** What the prompt shows of a workflow: only what the caller passed (already redacted). */
export interface PromptWorkflow {
  readonly python: string;
  /** One line per distinct task, e.g. `Trigger: Order created`. */
  readonly tasks: readonly string[];
}

export function renderRequestPrompt(
  t: RequestPromptTemplate,
  workflow: PromptWorkflow,
  styles: readonly RequestStyle[],
): readonly ChatMessage[] {
  return [
    { role: "system", content: t.system },
    {
      role: "user",
      content: fill(t.user, {
        python: workflow.python.trimEnd(),
        tasks: workflow.tasks.map((line) => `- ${line}`).join("\n"),
        ...styleFields(styles),
      }),
    },
  ];
}

/** The follow-up user message after an answer with `problems`. */
export function renderRepairPrompt(
  t: RequestPromptTemplate,
  problems: readonly string[],
  styles: readonly RequestStyle[],
): ChatMessage {
  return {
    role: "user",
    content: fill(t.repair, {
      problems: problems.map((p) => `- ${p}`).join("\n"),
      ...styleFields(styles),
    }),
  };
}

function styleFields(styles: readonly RequestStyle[]): {
  readonly count: string;
  readonly styles: string;
} {
  return {
    count: String(styles.length),
    styles: styles.map((s, i) => `${i + 1}. ${s}`).join("\n"),
  };
}

function fill(
  template: string,
  values: Readonly<Record<string, string>>,
): string {
  return template.replace(
    /<<([a-z]+)>>/g,
    (whole, name: string) => values[name] ?? whole,
  );
}

/** sha256 of a template's text as it is now (the pinned `sha256` must equal it). */
export function requestPromptSha256(t: RequestPromptTemplate): string {
  return sha256Hex(requestPromptText(t));
}
