import { bundledCatalog, type Catalog, type Result } from "@flowpy/transpiler";
import { applyEdits } from "./json-lexeme.js";
import { createPlaceholders } from "./placeholders.js";
import { redactDocument } from "./redact-workflow.js";
import { redactText } from "./redact-text.js";
import {
  countRedactions,
  type Redaction,
  type RedactionCounts,
} from "./redaction-kind.js";

export interface RedactorOptions {
  /** The run's secret: placeholders are keyed on it, so they are consistent within a run and unguessable without it. */
  readonly salt: string;
  /** The catalog redacted workflows are validated against; the bundled one by default. */
  readonly catalog?: Catalog;
}

export interface RedactedWorkflow {
  readonly json: string;
  readonly counts: RedactionCounts;
}

export interface RedactedText {
  readonly text: string;
  readonly counts: RedactionCounts;
}

export interface Redactor {
  /** A Flow document (agent, IaC or export form) with its merchant data replaced, or why it cannot be. */
  workflow(json: string): Result<RedactedWorkflow>;
  /** Free text (a request, a conversation turn), Liquid allowed. */
  text(text: string): RedactedText;
  /**
   * `workflow` with the list of what was replaced, for reviewing what redaction finds.
   * The originals in it are the merchant data itself: show them to a reviewer, never write them out.
   */
  workflowRedactions(
    json: string,
  ): Result<RedactedWorkflow & { readonly redactions: readonly Redaction[] }>;
}

/**
 * Replaces merchant data (emails, phones, tokens in URLs, API keys, shop domains, customer
 * names, GIDs, IP and street addresses) with placeholders that are consistent for one salt
 * and valid where they stand. Stateless: each call depends only on its input and the salt.
 */
export function createRedactor(options: RedactorOptions): Redactor {
  const ph = createPlaceholders(options.salt);
  const catalog = options.catalog ?? bundledCatalog();
  const workflowRedactions: Redactor["workflowRedactions"] = (json) => {
    const result = redactDocument(json, ph, catalog);
    if (!result.ok) return result;
    return {
      ok: true,
      value: {
        json: result.value.json,
        counts: countRedactions(result.value.redactions),
        redactions: result.value.redactions,
      },
      diagnostics: [],
    };
  };
  return {
    workflow: (json) => {
      const result = workflowRedactions(json);
      return result.ok
        ? {
            ok: true,
            value: { json: result.value.json, counts: result.value.counts },
            diagnostics: result.diagnostics,
          }
        : result;
    },
    text: (text) => {
      const edits = redactText(text, "text", ph);
      return {
        text: applyEdits(text, edits),
        counts: countRedactions(edits.map((e) => e.redaction)),
      };
    },
    workflowRedactions,
  };
}
